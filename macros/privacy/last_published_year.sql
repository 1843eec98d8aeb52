{#- The last year whose births are published: a year is published once it is
    over (var naissances_last_published_year, default: last year), so that a
    new release never changes the counts of a published year by a few births
    (PRIVACY.md, successive releases). -#}
{% macro last_published_year() -%}
    {%- set configured = var('naissances_last_published_year', none) -%}
    {%- if configured is not none -%}
        {{ configured }}
    {%- else -%}
        (year(current_date) - 1)
    {%- endif -%}
{%- endmacro %}
