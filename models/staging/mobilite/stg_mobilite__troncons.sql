{#- One row per line of the road segments' referential, as read. The referential
    is optional (a raw root with only the feeds, as the real-time loop's tests
    have): without it, no row, and the warning test
    mobilite_segments_referential_is_present says so. -#}
{%- set fmt = source_format('mobilite', 'troncons') -%}
{%- set columns = {
    'troncon_id': 'predefinedLocationReference',
    'nom': 'denomination',
    'hierarchie': 'hierarchie',
    'longueur_source': 'longueur_m',
    'geometrie_source': 'geo_shape'
} -%}

with

parsed as (
    {%- if source_files(source('mobilite_referentiel', 'troncons')) | length > 0 %}
        {{ parse_delimited_extract(source('mobilite_referentiel', 'troncons'), fmt, columns) }}
    {%- else %}
        select
            null::varchar as source_file,
            null::integer as line_number,
            null::varchar as record_type,
            null::varchar as parse_error,
            null::varchar as parse_error_detail,
            {%- for column in columns %}
                null::varchar as {{ column }}{{ "," if not loop.last }}
            {%- endfor %}
        where false
    {%- endif %}
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
