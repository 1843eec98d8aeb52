{#- PRIVACY.md, direct identifiers: no published column is named like an
    identifier unless the model's meta.public_columns says why; no published
    column is a pseudonym or technical id (unless public_columns says why), and
    no id-like column name is shared
    by two published models (it would let their rows be joined). -#}
{%- set identifier_like = modules.re.compile(
    '(^|_)(noms?|prenoms?|adresses?|e?mails?|courriel|tel|telephone|nir|iban|naissances?|'
    ~ 'immat[a-z]*|plaques?|commentaires?)(_|$)', modules.re.I) -%}
{%- set id_like = modules.re.compile('(^|_)(id|uid|hash|pseudo|pseudonyme|cle)(_|$)', modules.re.I) -%}
{%- set problems = [] -%}
{%- set id_columns = {} -%}
{%- for node in published_models() -%}
    {%- set public_columns = node.config.meta.get('public_columns') or {} -%}
    {%- for column in node.columns -%}
        {%- if identifier_like.search(column) and not public_columns.get(column) -%}
            {%- do problems.append((node.name, column ~ ' is named like an identifier and not declared in meta.public_columns')) -%}
        {%- endif -%}
        {#- an identifier of a public act (SCDL DELIB_ID) is declared with its reason -#}
        {%- if id_like.search(column) and not public_columns.get(column) -%}
            {%- do problems.append((node.name, column ~ ' looks like a technical id or pseudonym')) -%}
            {%- do id_columns.setdefault(column | lower, []).append(node.name) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endfor -%}
{%- for column, models in id_columns.items() if models | length > 1 -%}
    {%- do problems.append((models | join('+'), column ~ ' is shared by several published models')) -%}
{%- endfor %}

{{ problems_as_rows(problems) }}
