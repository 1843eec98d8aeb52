{#- Every row has a value in the column that is not empty nor only spaces: a
    rejected line or file always says why (null counts as blank). -#}
{% test not_blank(model, column_name) %}
select *
from {{ model }}
where coalesce(trim({{ column_name }}), '') = ''
{% endtest %}
