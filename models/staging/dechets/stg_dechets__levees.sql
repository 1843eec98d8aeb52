{{ config(materialized='incremental', incremental_strategy='append') }}
{#- One row per line of the lift files (one file per day and round). Appends the
    files not loaded yet: a re-sent file under the same name is not read twice;
    under another name its lifts are deduplicated in intermediate. -#}
{%- set fmt = source_format('dechets', 'levees') -%}

with

parsed as (
    {{ read_large_delimited_extract(source('dechets_raw', 'levees'), fmt, {
            'date_source': 'Date_de_la_levee',
            'heure_source': 'Heure_de_la_levee',
            'code_puce': 'Code_puce',
            'poids_source': 'Pesee_net',
            'statut_levee': 'Statut_de_la_levee',
            'latitude_source': 'Latitude',
            'longitude_source': 'Longitude',
            'immatriculation': 'Immatriculation',
            'tournee': 'Tournee'
        }) }}
)

select
    source_file,
    line_number,
    record_type,
    parse_error,
    parse_error_detail,
    date_source,
    heure_source,
    try_strptime(date_source || lpad(heure_source, 6, '0'), '{{ fmt.date_format }}%H%M%S') as leve_le,
    leve_le::date as jour_levee,
    upper(code_puce) as code_puce,
    poids_source,
    try_cast(poids_source as decimal(10, 2)) as poids_kg,
    statut_levee,
    try_cast(latitude_source as double) as latitude,
    try_cast(longitude_source as double) as longitude,
    -- the collection truck (a company vehicle, not a private one)
    upper(replace(immatriculation, '-', '')) as vehicule,
    tournee,
    -- the round's code ends with its flow (LU-140-OM): the flow of an unknown bin
    {{ round_flow('tournee') }} as flux_tournee,
    -- the dbt run that loaded the line: the quarantine's watermark
    {{ load_stamp() }} as charge_le
from parsed
