{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='debut_utc',
    on_schema_change='fail',
    tags=['realtime']
) }}
-- depends_on: {{ ref('int_mobilite_lignes_unioned') }}
{# The hourly count of each bike-counting channel (one valid record per channel
    and hour), recomputed for the hours touched by the lines loaded since the
    last run. The hour is the export's `date` (docs block
    mobilite_compteurs_horodatage). -#}

with

counts as (
    select * from {{ ref('int_mobilite_comptages_validated') }}
    where
        motif_rejet is null
        and {{ in_touched_windows('debut_utc', 'compteurs', '1 hour') }}
)

select
    canal_id,
    site_id,
    sens,
    compteur_id,
    nom_site,
    latitude,
    longitude,
    debut_utc,
    debut_utc + interval 1 hour as fin_utc,
    {{ utc_to_local('debut_utc') }} as debut_local,
    {{ local_offset_minutes('debut_utc') }}::integer as decalage_utc_minutes,
    {{ utc_to_local('debut_utc') }}::date as jour_local,
    comptage,
    statut,
    en_retard,
    recu_le_utc,
    charge_le
from counts
