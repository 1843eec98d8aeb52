{{ config(materialized='view', tags=['realtime']) }}
{#- The bikes counted on the last local day counted, up to its last hour counted,
    against the mean of the same weekday before, up to the same hour: the
    real-time figure of the dashboard. A view over the micro-batch fact of the
    hourly counts, in step with every pass. -#}

with

hours as (
    select
        jour_local,
        hour(debut_local) as heure,
        debut_utc,
        comptage
    from {{ ref('fct_mobilite_comptages_heure') }}
),

last_date as (
    select max(jour_local) as jour_local from hours
),

last_day as (
    select
        hours.jour_local,
        max(hours.heure) as heure,
        max(hours.debut_utc) as derniere_heure_utc
    from hours
    inner join last_date on hours.jour_local = last_date.jour_local
    group by hours.jour_local
),

per_day as (
    select
        hours.jour_local,
        sum(hours.comptage) as passages
    from hours
    inner join last_day
        on
            hours.heure <= last_day.heure
            and dayofweek(hours.jour_local) = dayofweek(last_day.jour_local)
    group by hours.jour_local
),

before as (
    select
        avg(per_day.passages) as habituel,
        count(*) as jours_compares
    from per_day
    inner join last_day on per_day.jour_local < last_day.jour_local
)

select
    last_day.jour_local::date as JOUR,
    last_day.heure::integer as HEURE,
    ({{ utc_iso8601('last_day.derniere_heure_utc') }})::varchar as DERNIERE_HEURE_UTC,
    today.passages::bigint as PASSAGES,
    before.habituel::double as HABITUEL,
    before.jours_compares::integer as JOURS_COMPARES
from last_day
inner join per_day as today on last_day.jour_local = today.jour_local
cross join before
