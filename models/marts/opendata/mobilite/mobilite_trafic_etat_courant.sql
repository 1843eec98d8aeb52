{{ config(materialized='view', tags=['realtime']) }}
{#- The last quarter-hour of traffic, per road segment: the real-time figure of the
    dashboard. A view over the micro-batch fact, so it is in step with every pass
    at no cost to the loop (the daily mobilite_trafic_15min holds the history). -#}

with

windows as (
    select * from {{ ref('fct_mobilite_trafic_15min') }}
),

last_window as (
    select max(debut_utc) as debut_utc from windows
),

latest as (
    select windows.*
    from windows
    inner join last_window on windows.debut_utc = last_window.debut_utc
)

select
    troncon_id::varchar as TRONCON_ID,
    ({{ local_iso8601('debut_utc') }})::varchar as DEBUT,
    ({{ utc_iso8601('debut_utc') }})::varchar as DEBUT_UTC,
    nb_valeurs::integer as NB_VALEURS,
    vitesse_moyenne::decimal(7, 2) as VITESSE_MOYENNE,
    part_sature::decimal(5, 4) as PART_SATURE
from latest
