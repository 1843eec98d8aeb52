{#- PRIVACY.md, every margin: for every grouping of the given dimensions (CUBE),
    a sum that can be computed exactly from the published cells (none of them
    suppressed) is 0 or at least k. -#}
{% test margins_respect_k(model, column_name, dimensions, where_clause=none, k=none) %}
with

cells as (
    select *
    from {{ model }}
    {%- if where_clause %}
    where {{ where_clause }}
    {%- endif %}
),

margins as (
    select
        {{ dimensions | join(', ') }},
        count(*) as cells,
        count({{ column_name }}) as published_cells,
        sum({{ column_name }}) as margin
    from cells
    group by cube ({{ dimensions | join(', ') }})
)

select *
from margins
where cells = published_cells
    and {{ is_small_count('margin', k) }}
{% endtest %}
