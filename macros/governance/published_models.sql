{#- The model nodes published as open data (schema opendata), from the graph. -#}
{% macro published_models() -%}
    {%- set found = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() -%}
            {%- if node.resource_type == 'model' and node.schema == 'opendata' -%}
                {%- do found.append(node) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(found | sort(attribute='name')) }}
{%- endmacro %}


{#- Rows (model_name, problem) as a SELECT, or an empty SELECT when there is none. -#}
{% macro problems_as_rows(problems) -%}
    {%- if problems | length == 0 -%}
        select null as model_name, null as problem where false
    {%- else -%}
        {%- for model_name, problem in problems %}
        select '{{ model_name }}' as model_name, '{{ problem | replace("'", "''") }}' as problem
        {{ "union all" if not loop.last }}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
