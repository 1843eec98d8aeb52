{{ config(materialized='incremental', incremental_strategy='append') }}
{#- One row per line of the car-park batches (the state of each car park every
    few minutes). Appends the batches not loaded yet. -#}
{%- set fmt = source_format('mobilite', 'parkings') -%}

with

parsed as (
    {{ read_large_delimited_extract(source('mobilite_raw', 'parkings'), fmt, {
            'parking_id': 'id',
            'nom': 'nom',
            'etat_source': 'etat',
            'places_libres_source': 'places_libres',
            'capacite_source': 'capacite',
            'horodatage_source': 'horodatage',
            'geo_source': 'geo'
        }) }}
)

select
    {{ batch_line_columns('horodatage_source', 'releve_utc', '15 minutes') }},
    horodatage_source,
    parking_id,
    nom,
    upper(etat_source) as etat,
    places_libres_source,
    try_cast(places_libres_source as integer) as places_libres,
    try_cast(capacite_source as integer) as capacite,
    {{ lat_lon_columns('geo_source') }}
from parsed
