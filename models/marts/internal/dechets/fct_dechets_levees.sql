{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='jour_levee',
    on_schema_change='fail'
) }}
{#- One row per lift kept, incremental by day: a run rebuilds the days of the
    lift files loaded since the last run (a late file for an old day included),
    and only them. Pseudonymised bin and producer ids; no chip, address or
    coordinate. -#}
-- depends_on: {{ ref('int_dechets_levees_validated') }}

with

lifts as (
    select enriched.*
    from {{ ref('int_dechets_levees_enriched') }} as enriched
    where
        -- the layout rule reads the block below differently rendered or not
        enriched.flux is not null  -- noqa: disable=LT02
    {% if is_incremental() %}
        -- the days of the lift files not loaded yet (a late file rebuilds its day)
        and enriched.jour_levee in (
            select staged.jour_levee
            from {{ ref('int_dechets_levees_validated') }} as staged
            where staged.source_file not in (select loaded.source_file from {{ this }} as loaded)
        )
    {% endif %}
)  -- noqa: enable=LT02

select
    lifts.jour_levee,
    lifts.leve_le,
    lifts.bac_id,
    lifts.bac_valide_du,
    lifts.type_puce,
    lifts.producteur_id,
    lifts.code_insee,
    lifts.type_producteur,
    lifts.carreau_200m,
    lifts.flux,
    lifts.litrage,
    lifts.poids_kg,
    lifts.poids_corrige_kg,
    lifts.correction_poids,
    lifts.gps_hors_metropole,
    lifts.vehicule,
    lifts.tournee,
    lifts.source_file
from lifts
