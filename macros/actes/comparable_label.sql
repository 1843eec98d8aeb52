{#- An ACTES label reduced for comparison: the part after the last "/" (a
    "matière/sous-matière" label), accents, case, punctuation and repeated spaces
    removed ("Décision d'ester en justice" = "Decision d ester en justice"). -#}
{% macro comparable_label(expression) -%}
    nullif(trim(regexp_replace(
        lower(strip_accents(regexp_replace({{ expression }}, '^.*/', ''))), '[^a-z0-9]+', ' ', 'g'
    )), '')
{%- endmacro %}
