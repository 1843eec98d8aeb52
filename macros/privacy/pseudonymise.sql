{#- Keyed pseudonym (HMAC-SHA256, PRIVACY.md) of an expression, in a domain of its
    own so that ids of two datasets cannot be joined. The key lives in the dbt
    plugin's process (SPMD_PSEUDONYMISATION_KEY), never in SQL.
    An unkeyed hash (SHA-256, MD5) of an identifier is forbidden: it is brute-forced. -#}
{% macro pseudonymise(domain, expression) -%}
    {%- if not (domain is string and domain | length > 0) -%}
        {{ exceptions.raise_compiler_error("pseudonymise() needs a literal, non-empty domain") }}
    {%- endif -%}
    spmd_pseudonymise('{{ domain }}', {{ expression }})
{%- endmacro %}
