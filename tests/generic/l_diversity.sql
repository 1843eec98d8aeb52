{#- PRIVACY.md, inference: where a breakdown crosses a sensitive category, every
    class of the quasi-identifiers (from meta.anonymisation, or given) shows at
    least l distinct values of the sensitive column, NULL counted as a value. -#}
{% test l_diversity(model, sensitive_column, l=2, quasi_identifiers=none) %}
{%- set node = node_of_relation(model) -%}
{%- set declared = ((node.config.meta.get('anonymisation') or {}).get('quasi_identifiers') or []) if node else [] -%}
{%- set keys = (quasi_identifiers or declared) | reject('equalto', sensitive_column) | list -%}
select
    {{ keys | join(', ') }},
    count(distinct coalesce({{ sensitive_column }}::varchar, '<null>')) as distinct_values
from {{ model }}
group by {{ keys | join(', ') }}
having count(distinct coalesce({{ sensitive_column }}::varchar, '<null>')) < {{ l }}
{% endtest %}
