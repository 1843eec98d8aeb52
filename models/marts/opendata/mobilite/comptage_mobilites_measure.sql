{#- Hourly bike counts per channel, exactly SCDL comptage des mobilités 0.2.4
    (measure). The hour is the export's `date` (docs block
    mobilite_compteurs_horodatage), written in local time with its offset: the
    two 02:00 of the autumn change are two lines. -#}

with

hours as (
    select * from {{ ref('fct_mobilite_comptages_heure') }}
)

select
    canal_id::varchar as channel_id,
    compteur_id::varchar as counter_id,
    ({{ local_iso8601('debut_utc') }})::varchar as start_datetime,
    ({{ local_iso8601('fin_utc') }})::varchar as end_datetime,
    comptage::bigint as count
from hours
