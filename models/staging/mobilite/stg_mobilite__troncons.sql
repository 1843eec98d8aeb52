{#- One row per line of the road segments' referential, as read. -#}
{%- set fmt = source_format('mobilite', 'troncons') -%}

with

parsed as (
    {{ parse_delimited_extract(source('mobilite_referentiel', 'troncons'), fmt, {
            'troncon_id': 'predefinedLocationReference',
            'nom': 'denomination',
            'hierarchie': 'hierarchie',
            'longueur_source': 'longueur_m',
            'geometrie_source': 'geo_shape'
        }) }}
)

select
    source_file,
    line_number,
    record_type,
    parse_error,
    parse_error_detail,
    troncon_id,
    nom,
    hierarchie,
    longueur_source,
    try_cast(longueur_source as integer) as longueur_m,
    geometrie_source
from parsed
