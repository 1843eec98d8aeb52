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


{#- Map a source's own codes to the project's codes with a CASE built from a
    dict (e.g. meta.format.sex_codes); unknown codes give null. -#}
{% macro map_codes(expression, mapping) -%}
    case {{ expression }}
        {%- for source_code, code in mapping.items() %}
        when '{{ source_code | replace("'", "''") }}' then '{{ code }}'
        {%- endfor %}
    end
{%- endmacro %}
