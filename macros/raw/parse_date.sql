{#- A date in the given strftime format, or null when it is not a real date
    (2025-02-30 gives null, not March 2nd). -#}
{% macro parse_date(expression, date_format) -%}
    {{ return(adapter.dispatch('parse_date', 'spmd')(expression, date_format)) }}
{%- endmacro %}

{% macro duckdb__parse_date(expression, date_format) -%}
    try_strptime({{ expression }}, '{{ date_format }}')::date
{%- endmacro %}

{% macro spark__parse_date(expression, date_format) -%}
    {#- Spark's to_date takes Java patterns; only the formats used by sources are mapped. -#}
    {%- set java = {'%Y-%m-%d': 'yyyy-MM-dd', '%d/%m/%Y': 'dd/MM/yyyy', '%Y%m%d': 'yyyyMMdd'}[date_format] -%}
    try_to_timestamp({{ expression }}, '{{ java }}')::date
{%- endmacro %}
