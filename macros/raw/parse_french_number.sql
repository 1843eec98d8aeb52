{#- A number written the French way, or null when it is not one:
    "12 500,00 €" (spaces, no-break spaces, narrow no-break spaces between
    thousands, decimal comma, currency sign), "12500,5", "12.500,00", "12.500"
    (dots as thousands separators: only in groups of three), "12500.50" (a
    point as decimal mark, when there is no comma). A trailing "%" divides by 100
    when percent is true. -#}
{% macro parse_french_number(expression, percent=false) -%}
    {{ return(adapter.dispatch('parse_french_number', 'spmd')(expression, percent)) }}
{%- endmacro %}

{% macro duckdb__parse_french_number(expression, percent) -%}
    {%- set compact = "regexp_replace(replace(replace(" ~ expression ~ ", chr(160), ''), chr(8239), ''), '[ \\t€]|EUR|euros?', '', 'gi')" -%}
    {%- set digits = "regexp_replace(" ~ compact ~ ", '%$', '')" -%}
    (
        case
            when {{ digits }} like '%,%'
                then try_cast(replace(replace({{ digits }}, '.', ''), ',', '.') as decimal(18, 4))
            when regexp_full_match({{ digits }}, '-?[0-9]{1,3}(\.[0-9]{3})+')
                then try_cast(replace({{ digits }}, '.', '') as decimal(18, 4))
            else try_cast({{ digits }} as decimal(18, 4))
        end
        {%- if percent %}
        / case when {{ compact }} like '%\%%' escape '\' then 100 else 1 end
        {%- endif %}
    )
{%- endmacro %}
