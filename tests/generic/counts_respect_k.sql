{#- PRIVACY.md, k-anonymity: every published count of persons is null
    (suppressed), 0 or at least k. -#}
{% test counts_respect_k(model, column_name, k=none) %}
select {{ column_name }}
from {{ model }}
where {{ is_small_count(column_name, k) }}
{% endtest %}
