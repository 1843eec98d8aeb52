{#- on-run-start: load the extensions listed in var('duckdb_extensions') from the
    extension_directory of the profile (the others installed there, DuckDB loads
    on first use). The real-time loop (spmd realtime) sets
    SPMD_SKIP_DUCKDB_EXTENSIONS: its models use none of them, and loading them
    is a second of every micro-batch. -#}
{% macro load_duckdb_extensions() -%}
    {%- if target.type == 'duckdb' and not env_var('SPMD_SKIP_DUCKDB_EXTENSIONS', '') -%}
        {%- for extension in var('duckdb_extensions') %}load {{ extension }};{% endfor -%}
    {%- endif -%}
{%- endmacro %}
