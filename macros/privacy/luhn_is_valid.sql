{#- Luhn checksum of a string of digits (SIREN, SIRET). -#}
{% macro luhn_is_valid(expression) -%}
    {{ return(adapter.dispatch('luhn_is_valid', 'spmd')(expression)) }}
{%- endmacro %}

{% macro duckdb__luhn_is_valid(expression) -%}
    (
        list_sum(
            list_transform(
                range(1, length({{ expression }}) + 1),
                i -> (
                    case
                        when (length({{ expression }}) - i) % 2 = 1
                            then (substr({{ expression }}, i::integer, 1)::integer * 2) // 10
                            + (substr({{ expression }}, i::integer, 1)::integer * 2) % 10
                        else substr({{ expression }}, i::integer, 1)::integer
                    end
                )
            )
        ) % 10 = 0
    )
{%- endmacro %}
