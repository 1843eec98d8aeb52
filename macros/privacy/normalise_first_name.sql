{#- The first given name of an act, in the form of the SCDL prénoms pattern:
    'JEAN-PIERRE MARIE' -> 'Jean-Pierre', 'N''DEYE' -> 'N''Deye',
    'ÉLOÏSE' -> 'Éloïse'. Null or blank gives null. -#}
{% macro normalise_first_name(given_names) -%}
    {{ return(adapter.dispatch('normalise_first_name', 'spmd')(given_names)) }}
{%- endmacro %}

{% macro duckdb__normalise_first_name(given_names) -%}
    nullif(
        array_to_string(
            list_transform(
                string_split(lower(regexp_split_to_array(trim({{ given_names }}), '\s+')[1]), '-'),
                part -> array_to_string(
                    list_transform(string_split(part, ''''), piece -> upper(piece[1]) || piece[2:]),
                    ''''
                )
            ),
            '-'
        ),
        ''
    )
{%- endmacro %}
