{{ config(materialized='incremental', incremental_strategy='append') }}
{#- One row per line of the traffic batches (one file every few minutes, one
    record per road segment and minute). Appends the batches not loaded yet; a
    batch re-sent under another name is deduplicated in intermediate. -#}
{%- set fmt = source_format('mobilite', 'trafic') -%}

with

parsed as (
    {{ read_large_delimited_extract(source('mobilite_raw', 'trafic'), fmt, {
            'horodatage_source': 'datetime',
            'troncon_id': 'predefinedLocationReference',
            'vitesse_source': 'averageVehicleSpeed',
            'temps_parcours_source': 'travelTime',
            'fiabilite_source': 'travelTimeReliability',
            'statut_trafic': 'trafficStatus'
        }) }}
)

select
    {{ batch_line_columns('horodatage_source', 'mesure_utc', '15 minutes') }},
    horodatage_source,
    troncon_id,
    vitesse_source,
    try_cast(vitesse_source as integer) as vitesse_kmh,
    try_cast(temps_parcours_source as integer) as temps_parcours_s,
    try_cast(fiabilite_source as integer) as fiabilite,
    statut_trafic
from parsed
