{#- The measures of the valid uplinks in long format (one row per frame and
    reading, as the datafactory derives them), with the facility the sensor is in, the
    reading's time (a history value is older than its frame) in UTC and in
    Europe/Paris local time. -#}
with

frames as (
    select * from {{ ref('int_capteurs_trames_decoded') }}
    where rejection_reason is null
),

measures as (
    select
        source_file,
        line_number,
        deveui,
        code_insee,
        equipement_id,
        type_capteur,
        source_mesures,
        unnest(measures) as measure
    from frames
)

select
    source_file,
    line_number,
    deveui,
    code_insee || '|' || equipement_id as equipement_cle,
    type_capteur,
    timezone('UTC', struct_extract(measure, 'at')) as horodatage_utc,
    timezone('Europe/Paris', struct_extract(measure, 'at')) as horodatage_local,
    timezone('Europe/Paris', struct_extract(measure, 'at'))::date as jour_local,
    struct_extract(measure, 'name') as mesure,
    struct_extract(measure, 'nature') as nature,
    struct_extract(measure, 'value') as valeur,
    struct_extract(measure, 'unit') as unite,
    source_mesures
from measures
