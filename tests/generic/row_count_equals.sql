{#- The model has exactly the number of rows that the SQL expression gives. -#}
{% test row_count_equals(model, expected) %}
select actual, expected
from (select count(*) as actual from {{ model }}) as counted
cross join (select ({{ expected }}) as expected) as target
where actual <> expected
{% endtest %}
