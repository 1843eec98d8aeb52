{#- PRIVACY.md, leak scan: no string cell of the model holds a direct identifier
    (see pii_pattern). Columns listed in the model's meta.public_columns, each
    with its reason, are not scanned. -#}
{% test no_pii_patterns(model) %}
{%- set node = node_of_relation(model) -%}
{%- set whitelist = (node.config.meta.get('public_columns') or {}) if node else {} -%}
{%- set string_columns = [] -%}
{%- if execute -%}
    {%- for column in adapter.get_columns_in_relation(model) -%}
        {%- if column.is_string() and column.name not in whitelist -%}
            {%- do string_columns.append(column.name) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}
{%- if string_columns | length == 0 %}
select null as column_name, null as kind where false
{%- else %}
{%- for column in string_columns %}
select '{{ column }}' as column_name, {{ pii_pattern(adapter.quote(column)) }} as kind
from {{ model }}
where {{ pii_pattern(adapter.quote(column)) }} is not null
{{ "union all" if not loop.last }}
{%- endfor %}
{%- endif %}
{% endtest %}
