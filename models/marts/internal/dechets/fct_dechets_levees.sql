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
    select * from {{ ref('int_dechets_levees_enriched') }}
    where flux is not null
    {%- if is_incremental() %}
        and jour_levee in (
            select distinct jour_levee from {{ ref('int_dechets_levees_validated') }}
            where source_file not in (select distinct source_file from {{ this }})
        )
    {%- endif %}
)

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
