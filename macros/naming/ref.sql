{#- ref() without the database part. DuckDB names a database file's catalogue
    after the file (spmd, spmd_ci, spmd.next...): a view whose SQL names it fails
    in a copy of the warehouse opened under another name, or once make build has
    renamed spmd.next.duckdb in. Schema and table alone resolve in whatever file
    holds them. Version arguments are passed on as dbt's own ref takes them. -#}
{% macro ref() %}
    {%- set version = kwargs.get('version') or kwargs.get('v') -%}
    {%- if varargs | length == 1 -%}
        {%- set relation = builtins.ref(varargs[0], version=version) if version else builtins.ref(varargs[0]) -%}
    {%- else -%}
        {%- set relation = builtins.ref(varargs[0], varargs[1], version=version) if version
            else builtins.ref(varargs[0], varargs[1]) -%}
    {%- endif -%}
    {{ return(relation.include(database=false)) }}
{% endmacro %}
