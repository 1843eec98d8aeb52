{#- The five zones are DuckDB schemas named exactly staging, intermediate,
    quarantine, internal and opendata: a custom schema is used as is, not
    prefixed with the target schema. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
