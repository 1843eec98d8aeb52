{#- The first kind of direct identifier found in a string, or null (PRIVACY.md,
    leak scan): nir (with a valid key), email, phone (French), iban (FR, mod 97),
    plate (SIV), date (a full date that could be a birth date), pseudonym (a
    64-hex HMAC, which is still personal data). -#}
{% macro pii_pattern(expression) -%}
    {{ return(adapter.dispatch('pii_pattern', 'spmd')(expression)) }}
{%- endmacro %}

{% macro duckdb__pii_pattern(expression) -%}
    case
        when list_bool_or(list_transform(
            regexp_extract_all(
                regexp_replace({{ expression }}, '[ .]', '', 'g'),
                '[12][0-9]{2}(?:0[1-9]|1[0-2]|[2-9][0-9])(?:[0-9]{2}|2A|2B)[0-9]{6}[0-9]{2}'
            ),
            nir -> 97 - (
                replace(replace(nir[1:13], '2A', '19'), '2B', '18')::hugeint % 97
            ) = nir[14:15]::integer
        )) then 'nir'
        when regexp_matches({{ expression }}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}')
            then 'email'
        when regexp_matches({{ expression }}, '(?:^|[^0-9])(?:\+33 ?|0033 ?|0)[1-9](?:[ .-]?[0-9]{2}){4}(?:$|[^0-9])')
            then 'phone'
        when list_bool_or(list_transform(
            regexp_extract_all(upper(replace({{ expression }}, ' ', '')), 'FR[0-9]{2}[0-9A-Z]{23}'),
            iban -> list_reduce(
                list_transform(
                    string_split(
                        array_to_string(
                            list_transform(
                                string_split(iban[5:] || iban[1:4], ''),
                                c -> case when c between 'A' and 'Z' then (ascii(c) - 55)::varchar else c end
                            ),
                            ''
                        ),
                        ''
                    ),
                    d -> d::integer
                ),
                (acc, d) -> (acc * 10 + d) % 97,
                0
            ) = 1
        )) then 'iban'
        when regexp_matches({{ expression }}, '(?:^|[^A-Z0-9])[A-HJ-NP-TV-Z]{2}-[0-9]{3}-[A-HJ-NP-TV-Z]{2}(?:$|[^A-Z0-9])')
            then 'plate'
        when regexp_matches({{ expression }}, '(?:^|[^0-9])(?:0?[1-9]|[12][0-9]|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:19|20)[0-9]{2}(?:$|[^0-9])')
            or regexp_matches({{ expression }}, '(?:^|[^0-9])(?:19|20)[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])(?:$|[^0-9])')
            then 'date'
        when regexp_matches({{ expression }}, '(?:^|[^0-9a-f])[0-9a-f]{64}(?:$|[^0-9a-f])')
            then 'pseudonym'
    end
{%- endmacro %}
