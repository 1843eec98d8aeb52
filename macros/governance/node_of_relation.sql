{#- The graph node (model or seed) behind a relation passed to a generic test,
    so that tests can read the meta of what they test. -#}
{% macro node_of_relation(relation) -%}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {%- for resource_type in ['model', 'seed'] -%}
        {%- set node = graph.nodes.get(resource_type ~ '.' ~ project_name ~ '.' ~ relation.identifier) -%}
        {%- if node -%}{{ return(node) }}{%- endif -%}
    {%- endfor -%}
    {{ return(none) }}
{%- endmacro %}
