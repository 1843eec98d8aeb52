{#- One row per line of the disposal sites' tickets (incinerator, sorting
    centre): US dates (1/13/22), tonnes with a decimal point. -#}
{%- set fmt = source_format('dechets', 'exutoire') -%}

with

parsed as (
    {{ parse_delimited_extract(source('dechets_raw', 'exutoire'), fmt, {
            'immatriculation': 'immat',
            'date_source': 'date_service_vehic',
            'tournee': 'description_tournee',
            'km_source': 'km_realise',
            'numero_bon': 'no_bon',
            'lot': 'lot',
            'exutoire': 'nom_rech_lieu_de_vidage',
            'tonnage_source': 'multiples_lignes',
            'type_vehicule': 'cle_unique_ligne_ticket'
        }) }}
)

select
    source_file,
    line_number,
    record_type,
    parse_error,
    parse_error_detail,
    upper(replace(immatriculation, '-', '')) as vehicule,
    date_source,
    try_strptime(date_source, '{{ fmt.date_format }}')::date as date_service,
    tournee,
    {{ round_flow('tournee') }} as flux_tournee,
    try_cast(km_source as double) as km_realises,
    numero_bon,
    lot,
    exutoire,
    tonnage_source,
    try_cast(tonnage_source as decimal(10, 3)) as tonnage_t,
    type_vehicule
from parsed
