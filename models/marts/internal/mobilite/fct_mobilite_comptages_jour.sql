{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='jour_local',
    on_schema_change='fail',
    tags=['realtime']
) }}
{#- Bike counts per channel and local day. A local day has 23, 24 or 25 hours
    (the clock changes): heures_du_jour says how many, and a day is complete
    when every one of them has its count. Recomputes the days of the hours
    loaded since the last run. -#}

with

hours as (
    select * from {{ ref('fct_mobilite_comptages_heure') }}
),

watermark as (
    -- the latest load stamp already counted
    {% if is_incremental() %}
        select max(charge_le) as charge_le from {{ this }}
    {% else %}
        select '-infinity'::timestamp as charge_le
    {% endif %}
),

touched_days as (
    select distinct hours.jour_local as jour_touche
    from hours
    where hours.charge_le > (select coalesce(watermark.charge_le, '-infinity'::timestamp) from watermark)
),

days as (
    select
        canal_id,
        site_id,
        jour_local,
        sum(comptage) as comptage,
        count(*) as nb_heures,
        max(charge_le) as charge_le
    from hours
    where jour_local in (select touched_days.jour_touche from touched_days)
    group by canal_id, site_id, jour_local
)

select
    canal_id,
    site_id,
    jour_local,
    comptage::bigint as comptage,
    nb_heures::integer as nb_heures,
    date_diff(
        'hour', {{ local_to_utc('jour_local::timestamp') }}, {{ local_to_utc('(jour_local + 1)::timestamp') }}
    )::integer as heures_du_jour,
    nb_heures = heures_du_jour as complet,
    charge_le
from days
