{{ config(materialized='incremental', incremental_strategy='append') }}
{#- One row per line of the eco-counter batches (an hour's count per counting
    point and direction). `date` is trusted, `isoDate` is not (docs block
    mobilite_compteurs_horodatage). Appends the batches not loaded yet. -#}
{%- set fmt = source_format('mobilite', 'compteurs') -%}

with

parsed as (
    {{ read_large_delimited_extract(source('mobilite_raw', 'compteurs'), fmt, {
            'horodatage_source': 'date',
            'iso_date_source': 'isoDate',
            'comptage_source': 'counts',
            'statut_source': 'status',
            'site_id': 'ID',
            'nom_site': 'name',
            'sens': 'sens',
            'compteur_id': 'counter',
            'geo_source': 'geo'
        }) }}
)

select
    {{ batch_line_columns('horodatage_source', 'debut_utc', '1 hour') }},
    horodatage_source,
    iso_date_source,
    site_id,
    sens,
    site_id || '-' || sens as canal_id,
    compteur_id,
    nom_site,
    comptage_source,
    try_cast(comptage_source as integer) as comptage,
    try_cast(statut_source as integer) as statut,
    {{ lat_lon_columns('geo_source') }}
from parsed
