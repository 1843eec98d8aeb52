{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='parking_id',
    on_schema_change='fail',
    tags=['realtime']
) }}
-- depends_on: {{ ref('int_mobilite_lignes_unioned') }}
{# The latest known state of each car park. A run looks at the states loaded
    since the last one and keeps, per car park, the latest of them and of the
    state already known (a late state never replaces a newer one). #}

with

new_states as (
    select
        parking_id,
        nom,
        etat,
        places_libres,
        capacite,
        latitude,
        longitude,
        releve_utc,
        recu_le_utc,
        charge_le
    from {{ ref('int_mobilite_parkings_validated') }}
    where
        motif_rejet is null
        and {{ in_touched_windows('releve_utc', 'parkings', '15 minutes') }}
),

known_states as (
    -- the state already known of the car parks with a new one (same columns)
    {% if is_incremental() %}
        select * exclude (taux_occupation, releve_local) from {{ this }}
        where parking_id in (select new_states.parking_id from new_states)
    {% else %}
        select * from new_states
        where false
    {% endif %}
),

candidates as (
    select * from new_states
    union all
    select * from known_states
)

select
    parking_id,
    nom,
    etat,
    places_libres,
    capacite,
    round((capacite - places_libres) / capacite, 4)::decimal(5, 4) as taux_occupation,
    latitude,
    longitude,
    releve_utc,
    {{ utc_to_local('releve_utc') }} as releve_local,
    recu_le_utc,
    charge_le
from candidates
qualify row_number() over (partition by parking_id order by releve_utc desc, recu_le_utc asc) = 1
