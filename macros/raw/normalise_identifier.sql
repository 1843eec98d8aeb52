{#- A SIRET or SIREN as written by a person ("213 500 010 00011",
    "213.500.010.00011"): the digits, or null when other characters are mixed in
    or nothing is left. Validity (length, Luhn) is checked by the caller. -#}
{% macro normalise_siret(expression) -%}
    case
        when regexp_full_match(replace(replace({{ expression }}, chr(160), ' '), chr(8239), ' '), '[0-9 .\-]*[0-9][0-9 .\-]*')
            then regexp_replace({{ expression }}, '[^0-9]', '', 'g')
    end
{%- endmacro %}

{#- A SIRET that can be published: 14 digits and a valid Luhn key (La Poste's
    establishments, SIREN 356000000, use a digit sum divisible by 5). -#}
{% macro siret_is_valid(expression) -%}
    coalesce(
        regexp_full_match({{ expression }}, '[0-9]{14}')
        and case
            when {{ expression }} like '356000000%'
                then list_sum(list_transform(string_split({{ expression }}, ''), d -> d::integer)) % 5 = 0
            else {{ luhn_is_valid(expression) }}
        end,
        false
    )
{%- endmacro %}

{#- The number of an association in the RNA (W + 9 digits), upper-cased and
    without spaces, or null when it does not have that form. -#}
{% macro normalise_rna(expression) -%}
    case
        when regexp_full_match(upper(regexp_replace({{ expression }}, '\s', '', 'g')), 'W[0-9]{9}')
            then upper(regexp_replace({{ expression }}, '\s', '', 'g'))
    end
{%- endmacro %}
