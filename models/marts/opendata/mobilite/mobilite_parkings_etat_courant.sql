{{ config(tags=['realtime']) }}
{#- The latest known state of each car park (internal view
    fct_mobilite_parkings_etat_courant), refreshed by every micro-batch (a few
    rows: its cost does not grow with the history). Its age against the clock
    changes while the file is read: the reader computes it from
    DERNIER_RELEVE_UTC; the file carries how far behind the freshest car park
    each one is. -#}

with

latest as (
    select * from {{ ref('fct_mobilite_parkings_etat_courant') }}
)

select
    parking_id::varchar as PARKING_ID,
    nom::varchar as NOM,
    etat::varchar as ETAT,
    places_libres::integer as PLACES_LIBRES,
    capacite::integer as CAPACITE,
    taux_occupation::decimal(5, 4) as TAUX_OCCUPATION,
    ({{ local_iso8601('releve_utc') }})::varchar as DERNIER_RELEVE,
    ({{ utc_iso8601('releve_utc') }})::varchar as DERNIER_RELEVE_UTC,
    retard_sur_flux_minutes::integer as RETARD_SUR_FLUX_MINUTES,
    round(latitude, 6)::double as LATITUDE,
    round(longitude, 6)::double as LONGITUDE
from latest
