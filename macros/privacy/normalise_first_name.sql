{#- The given names of an act as a list, whatever separates them as typed by a
    registrar: spaces, several spaces, a tab, a comma or a semicolon, a leading
    or trailing separator ('JEAN-PIERRE, MARIE;' -> ['JEAN-PIERRE', 'MARIE']).
    Hyphens and apostrophes belong to a compound name and never separate.
    Null or blank gives an empty list. -#}
{% macro given_names_list(given_names) -%}
    {{ return(adapter.dispatch('given_names_list', 'spmd')(given_names)) }}
{%- endmacro %}

{% macro duckdb__given_names_list(given_names) -%}
    list_filter(regexp_split_to_array({{ given_names }}, '[\s,;]+'), part -> part <> '')
{%- endmacro %}

{#- The first given name of an act, in the form of the SCDL prénoms pattern:
    'JEAN-PIERRE MARIE' -> 'Jean-Pierre', 'MARIE, ANNE' -> 'Marie',
    'N''DEYE' -> 'N''Deye', 'ÉLOÏSE' -> 'Éloïse'. Null or blank gives null. -#}
{% macro normalise_first_name(given_names) -%}
    {{ return(adapter.dispatch('normalise_first_name', 'spmd')(given_names)) }}
{%- endmacro %}

{% macro duckdb__normalise_first_name(given_names) -%}
    nullif(
        array_to_string(
            list_transform(
                string_split(lower({{ given_names_list(given_names) }}[1]), '-'),
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
