{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='debut_utc',
    on_schema_change='fail',
    tags=['realtime']
) }}
-- depends_on: {{ ref('int_mobilite_lignes_unioned') }}
{# Occupancy per car park and 15 minutes, recomputed for the windows touched
    by the lines loaded since the last run. -#}

with

states as (
    select * from {{ ref('int_mobilite_parkings_validated') }}
    where
        motif_rejet is null
        and {{ in_touched_windows('releve_utc', 'parkings', '15 minutes') }}
),

windows as (
    select
        parking_id,
        fenetre_utc,
        count(*) as nb_releves,
        count(*) filter (where etat <> 'FERME') as nb_releves_ouvert,
        count(*) filter (where etat = 'COMPLET') as nb_releves_complet,
        sum(capacite - places_libres) filter (where etat <> 'FERME') as places_occupees_somme,
        sum(capacite) filter (where etat <> 'FERME') as capacite_somme,
        min(places_libres) filter (where etat <> 'FERME') as places_libres_min,
        max(capacite) as capacite,
        arg_max(etat, releve_utc) as dernier_etat,
        count(*) filter (where en_retard) as nb_en_retard,
        max(charge_le) as charge_le
    from states
    group by parking_id, fenetre_utc
)

select
    parking_id,
    fenetre_utc as debut_utc,
    fenetre_utc + interval 15 minutes as fin_utc,
    {{ utc_to_local('fenetre_utc') }} as debut_local,
    {{ local_offset_minutes('fenetre_utc') }}::integer as decalage_utc_minutes,
    {{ utc_to_local('fenetre_utc') }}::date as jour_local,
    nb_releves::integer as nb_releves,
    nb_releves_ouvert::integer as nb_releves_ouvert,
    capacite,
    -- occupied places over the places offered while open (exact integer sums);
    -- null when closed for the whole window
    round(places_occupees_somme / nullif(capacite_somme, 0), 4)::decimal(5, 4) as taux_occupation,
    places_libres_min,
    round(nb_releves_complet / nb_releves, 4)::decimal(5, 4) as part_complet,
    dernier_etat,
    nb_en_retard::integer as nb_en_retard,
    charge_le
from windows
