{{ config(materialized='incremental', incremental_strategy='append') }}
{#- One row per line of the daily photos of the producers (households and
    non-household producers). Appends the photos not loaded yet. The address
    identifier (rva_adr) stops here: the location is kept as coordinates, turned
    into a 200 m grid cell in intermediate. -#}
{%- set fmt = source_format('dechets', 'ref_producteur') -%}

with

parsed as (
    {{ read_large_delimited_extract(source('dechets_raw', 'ref_producteur'), fmt, {
            'code_producteur': 'code_producteur',
            'code_insee': 'code_insee',
            'nom_commune': 'nom_commune',
            'type_producteur': 'type_producteur',
            'activite': 'activite',
            'longitude_source': 'longitude',
            'latitude_source': 'latitude',
            'date_photo_source': 'date_photo'
        }) }}
)

select
    source_file,
    line_number,
    record_type,
    parse_error,
    parse_error_detail,
    {{ photo_date('date_photo_source', fmt) }} as date_photo,
    code_producteur,
    code_insee,
    nom_commune,
    type_producteur,
    activite,
    try_cast(longitude_source as double) as longitude,
    try_cast(latitude_source as double) as latitude
from parsed
