{#- on-run-start: load the extensions listed in var('duckdb_extensions') from the
    extension_directory of the profile. -#}
{% macro load_duckdb_extensions() -%}
    {%- if target.type == 'duckdb' -%}
        {%- for extension in var('duckdb_extensions') %}load {{ extension }};{% endfor -%}
    {%- endif -%}
{%- endmacro %}
