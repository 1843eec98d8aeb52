{#- A label reduced for comparison (an ACTES matière, a facility type, a street):
    the part after the last "/" (of a "matière/sous-matière" label), then accents,
    case, punctuation and repeated spaces removed ("Décision d'ester en justice" =
    "Decision d ester en justice"). -#}
{% macro comparable_label(expression) -%}
    nullif(trim(regexp_replace(
        lower(strip_accents(regexp_replace({{ expression }}, '^.*/', ''))), '[^a-z0-9]+', ' ', 'g'
    )), '')
{%- endmacro %}
