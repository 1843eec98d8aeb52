{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='debut_utc',
    on_schema_change='fail',
    tags=['realtime']
) }}
-- depends_on: {{ ref('int_mobilite_lignes_unioned') }}
{# Speeds per road segment and 15 minutes (the semantics of the datafactory's own
    aggregate, trafic_analysis_expected.csv). A run recomputes the windows
    touched by the lines loaded since the last run, whole: a late record or a
    duplicate lands in its window and the window is right again. -#}

with

lines as (
    select * from {{ ref('int_mobilite_trafic_validated') }}
    where
        motif_rejet is null
        and {{ in_touched_windows('mesure_utc', 'trafic', '15 minutes') }}
),

windows as (
    select
        troncon_id,
        fenetre_utc,
        count(*) as nb_valeurs,
        min(vitesse_kmh) as vitesse_min,
        sum(vitesse_kmh) as vitesse_somme,
        sum(vitesse_kmh * vitesse_kmh) as vitesse_carres,
        max(vitesse_kmh) as vitesse_max,
        sum(fiabilite) as fiabilite_somme,
        sum(fiabilite * fiabilite) as fiabilite_carres,
        count(*) filter (where statut_trafic = 'freeFlow') as nb_fluide,
        count(*) filter (where statut_trafic = 'heavy') as nb_dense,
        count(*) filter (where statut_trafic = 'congested') as nb_sature,
        count(*) filter (where statut_trafic in ('impossible', 'unknown')) as nb_autre,
        count(*) filter (where en_retard) as nb_en_retard,
        count(*) filter (where not decalage_coherent) as nb_decalage_incoherent,
        max(charge_le) as charge_le
    from lines
    group by troncon_id, fenetre_utc
)

select
    troncon_id,
    fenetre_utc as debut_utc,
    fenetre_utc + interval 15 minutes as fin_utc,
    {{ utc_to_local('fenetre_utc') }} as debut_local,
    {{ local_offset_minutes('fenetre_utc') }}::integer as decalage_utc_minutes,
    {{ utc_to_local('fenetre_utc') }}::date as jour_local,
    nb_valeurs::integer as nb_valeurs,
    vitesse_min,
    round(vitesse_somme / nb_valeurs, 2)::decimal(7, 2) as vitesse_moyenne,
    vitesse_max,
    -- sample standard deviation (Spark's stddev, as the datafactory's pipeline; null for a
    -- single value), from exact integer sums: the same value whatever the order
    -- of the lines
    {{ sample_stddev('vitesse_somme', 'vitesse_carres', 'nb_valeurs') }}::decimal(8, 3) as vitesse_ecart_type,
    round(fiabilite_somme / nb_valeurs, 2)::decimal(7, 2) as fiabilite_moyenne,
    {{ sample_stddev('fiabilite_somme', 'fiabilite_carres', 'nb_valeurs') }}::decimal(8, 3)
        as fiabilite_ecart_type,
    round(nb_fluide / nb_valeurs, 4)::decimal(5, 4) as part_fluide,
    round(nb_dense / nb_valeurs, 4)::decimal(5, 4) as part_dense,
    round(nb_sature / nb_valeurs, 4)::decimal(5, 4) as part_sature,
    round(nb_autre / nb_valeurs, 4)::decimal(5, 4) as part_autre,
    nb_en_retard::integer as nb_en_retard,
    nb_decalage_incoherent::integer as nb_decalage_incoherent,
    charge_le
from windows
