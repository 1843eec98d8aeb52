{#- The counting channels (a point and a direction), exactly SCDL comptage des
    mobilités 0.2.4 (channel). Datetimes in local time with their offset. -#}

with

channels as (
    select * from {{ ref('dim_mobilite_comptage_canaux') }}
)

select
    canal_id::varchar as channel_id,
    null::varchar as channel_provider_id,
    null::varchar as site_provider_id,
    site_id::varchar as site_id,
    mobility_type::varchar as mobility_type,
    null::varchar as comment,  -- noqa: RF04
    'REMOTE TRANSMISSION'::varchar as counter_transmission_type,
    'API'::varchar as publication_transmission_type,
    null::varchar as counter_type,
    direction::varchar as direction,
    sens::varchar as provider_direction_code,
    libelle_direction::varchar as provider_direction_name,
    'Eco-Counter'::varchar as data_provider_name,
    'PERMANENT'::varchar as temporality,
    ({{ local_iso8601('premiere_heure_utc') }})::varchar as started_at,
    null::varchar as ended_at,
    ({{ local_iso8601('derniere_fin_utc') }})::varchar as last_updated_at,
    3600::integer as time_step,
    null::varchar as provider_portal_url
from channels
