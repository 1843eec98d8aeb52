{{ config(materialized='view', tags=['realtime']) }}
{#- The dashboard's view of the car parks: the latest known state of each, and
    its age when read (against the clock) and against the feed (how far behind
    the freshest car park it is: a silent car park stands out even when the
    whole feed is late). -#}

with

latest as (
    select * from {{ ref('fct_mobilite_parkings_dernier_etat') }}
)

select
    parking_id,
    nom,
    etat,
    places_libres,
    capacite,
    taux_occupation,
    latitude,
    longitude,
    releve_utc,
    releve_local,
    date_diff('minute', releve_utc, timezone('UTC', current_timestamp))::bigint as age_minutes,
    date_diff('minute', releve_utc, max(releve_utc) over ())::bigint as retard_sur_flux_minutes
from latest
