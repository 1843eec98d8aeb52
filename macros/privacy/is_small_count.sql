{#- True when a count of persons may not be published (1 .. k-1, PRIVACY.md). -#}
{% macro is_small_count(expression, k=none) -%}
    ({{ expression }} between 1 and {{ (k or var('secret_statistique_k')) - 1 }})
{%- endmacro %}
