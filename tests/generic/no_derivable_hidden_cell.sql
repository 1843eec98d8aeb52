{#- PRIVACY.md, secondary suppression. The model has detail rows and one total
    row per line (category_column = total_category). Where the total is
    published, a line may not hide exactly one cell, and the hidden mass (total
    minus the published cells) is 0 or at least k. -#}
{% test no_derivable_hidden_cell(model, column_name, line_by, category_column, total_category, k=none) %}
{%- set keys = line_by | join(', ') -%}
with

cells as (
    select {{ keys }}, {{ column_name }} as cell
    from {{ model }}
    where {{ category_column }} <> '{{ total_category }}'
),

totals as (
    select {{ keys }}, {{ column_name }} as total
    from {{ model }}
    where {{ category_column }} = '{{ total_category }}'
),

lines as (
    select
        {{ keys }},
        count(*) filter (where cell is null) as hidden_cells,
        coalesce(sum(cell), 0) as published_sum
    from cells
    group by {{ keys }}
)

select lines.*, totals.total
from lines
inner join totals using ({{ keys }})
where totals.total is not null
    and (
        lines.hidden_cells = 1
        or (lines.hidden_cells > 0 and {{ is_small_count('totals.total - lines.published_sum', k) }})
        or (lines.hidden_cells = 0 and totals.total <> lines.published_sum)
    )
{% endtest %}
