{#- True when the whole string matches the pattern (RE2 syntax). -#}
{% macro regex_full_match(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_full_match', 'spmd')(expression, pattern)) }}
{%- endmacro %}

{% macro duckdb__regex_full_match(expression, pattern) -%}
    regexp_full_match({{ expression }}, '{{ pattern | replace("'", "''") }}')
{%- endmacro %}

{% macro spark__regex_full_match(expression, pattern) -%}
    {{ expression }} rlike '^(?:{{ pattern | replace("'", "\\'") }})$'
{%- endmacro %}
