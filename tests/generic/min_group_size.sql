{#- PRIVACY.md, k-anonymity on the quasi-identifiers the model declares in
    meta.anonymisation (k, quasi_identifiers): every class (combination of
    quasi-identifier values, NULL being a value like any other) holds 0 or at
    least k persons. On an aggregated table, count_column holds the class sizes
    (NULL = suppressed); on microdata, rows are counted. A model whose meta lacks
    k or quasi_identifiers fails at compilation. -#}
{% test min_group_size(model, count_column=none, k=none) %}
{%- set node = node_of_relation(model) -%}
{%- set anonymisation = (node.config.meta.get('anonymisation') or {}) if node else {} -%}
{%- set k = k or anonymisation.get('k') -%}
{%- set quasi_identifiers = anonymisation.get('quasi_identifiers') or [] -%}
{%- if execute and (not k or quasi_identifiers | length == 0) -%}
    {{ exceptions.raise_compiler_error(
        "min_group_size on " ~ model.identifier ~ ": meta.anonymisation needs k and quasi_identifiers") }}
{%- endif -%}
{#- at parse time the graph is empty: render with placeholders -#}
{%- set k = k or 1 -%}
{%- set quasi_identifiers = quasi_identifiers or ['1'] %}
select
    {{ quasi_identifiers | join(', ') }},
    {{ 'sum(' ~ count_column ~ ')' if count_column else 'count(*)' }} as class_size
from {{ model }}
{%- if count_column %}
where {{ count_column }} is not null
{%- endif %}
group by {{ quasi_identifiers | join(', ') }}
having {{ 'sum(' ~ count_column ~ ')' if count_column else 'count(*)' }} between 1 and {{ k - 1 }}
{% endtest %}
