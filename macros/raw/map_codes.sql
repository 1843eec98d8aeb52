{#- Map a source's own codes to the project's codes with a CASE built from a
    dict (e.g. the sex_codes of var('source_formats')); unknown codes give null. -#}
{% macro map_codes(expression, mapping) -%}
    case {{ expression }}
        {%- for source_code, code in mapping.items() %}
        when '{{ source_code | replace("'", "''") }}' then '{{ code }}'
        {%- endfor %}
    end
{%- endmacro %}
