{#- PRIVACY.md, business data: a published cell of amounts or tonnages has at
    least min_contributors contributors and none above max_share of the cell.
    Run on the contributions behind the published cells (one row per
    contributor and cell). -#}
{% test dominance(model, cell_by, contributor_column, value_column, min_contributors=3, max_share=0.85) %}
with

per_contributor as (
    select
        {{ cell_by | join(', ') }},
        {{ contributor_column }} as contributor,
        sum({{ value_column }}) as contribution
    from {{ model }}
    group by {{ cell_by | join(', ') }}, {{ contributor_column }}
),

cells as (
    select
        {{ cell_by | join(', ') }},
        count(*) as contributors,
        sum(contribution) as cell_total,
        max(contribution) as largest
    from per_contributor
    group by {{ cell_by | join(', ') }}
)

select *
from cells
where contributors < {{ min_contributors }}
    or (cell_total > 0 and largest > {{ max_share }} * cell_total)
{% endtest %}
