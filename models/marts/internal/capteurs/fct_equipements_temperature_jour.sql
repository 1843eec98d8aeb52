{#- Daily minimum, mean and maximum temperature per facility, local day and
    channel (a two-channel thermometer measures two places: they are not mixed).
    A reading sent twice (the history of two frames overlapping) counts once. -#}
with

readings as (
    select * from {{ ref('fct_capteurs_mesures') }}
    where nature = 'temperature'
),

temperatures as (
    select * from readings
    qualify row_number() over (
            partition by deveui, mesure, horodatage_utc order by source_file, line_number
        ) = 1
)

select
    equipement_cle,
    jour_local,
    mesure as voie,
    min(valeur) as temperature_min,
    -- summed in tenths of a degree (the sensors' resolution), as integers: a float
    -- sum depends on the order of the rows, and two builds must give the same bytes
    round(sum(round(valeur * 10)::bigint) / count(*) / 10.0, 2) as temperature_moyenne,
    max(valeur) as temperature_max,
    count(*) as nombre_mesures
from temperatures
group by equipement_cle, jour_local, mesure
