{#- A SIRET or SIREN as written by a person ("213 500 010 00011",
    "213.500.010.00011"): the digits, or null when other characters are mixed in
    or nothing is left. Validity (length, Luhn) is checked by the caller. -#}
{% macro normalise_siret(expression) -%}
    case
        when regexp_full_match(replace(replace({{ expression }}, chr(160), ' '), chr(8239), ' '), '[0-9 .\-]*[0-9][0-9 .\-]*')
            then regexp_replace({{ expression }}, '[^0-9]', '', 'g')
    end
{%- endmacro %}

{#- A SIRET (14 digits) or SIREN (9 digits) valid as INSEE defines it: the
    SIRET's key and its SIREN's own key, La Poste's exception included. Checked
    by python-stdnum, the library of the official validator (Validata), through
    the functions of the dbt plugin spmd.dbt_plugin. Digits only; false for
    anything else, null included. -#}
{% macro siret_is_valid(expression) -%}
    {{ return(adapter.dispatch('siret_is_valid', 'spmd')(expression)) }}
{%- endmacro %}

{% macro duckdb__siret_is_valid(expression) -%}
    coalesce(spmd_siret_is_valid({{ expression }}), false)
{%- endmacro %}

{% macro siren_is_valid(expression) -%}
    {{ return(adapter.dispatch('siren_is_valid', 'spmd')(expression)) }}
{%- endmacro %}

{% macro duckdb__siren_is_valid(expression) -%}
    coalesce(spmd_siren_is_valid({{ expression }}), false)
{%- endmacro %}

{#- The number of an association in the RNA (W + 9 digits), upper-cased and
    without spaces, or null when it does not have that form. -#}
{% macro normalise_rna(expression) -%}
    case
        when regexp_full_match(upper(regexp_replace({{ expression }}, '\s', '', 'g')), 'W[0-9]{9}')
            then upper(regexp_replace({{ expression }}, '\s', '', 'g'))
    end
{%- endmacro %}
