{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='semaine_debut',
    on_schema_change='fail'
) }}
{#- The households' weight and the households behind it per 200 m cell, ISO
    week and flow, before any secret: what opendata
    dechets_tonnages_carreau_semaine publishes, merges or suppresses. A cell
    lifted for other producers only is a row with 0 households. Incremental by
    ISO week (docs block dechets_tonnages_par_semaine). -#}

with

lifts as (
    select * from {{ ref('fct_dechets_levees') }}
    where {{ in_rebuilt_weeks(ref('fct_dechets_levees')) }}
),

per_cell as (
    select
        -- the Monday of the ISO week
        date_trunc('week', jour_levee)::date as semaine_debut,
        code_insee,
        flux,
        carreau_200m,
        coalesce(sum(poids_corrige_kg) filter (where type_producteur = 'Ménage'), 0) as poids_menages_kg,
        count(distinct producteur_id) filter (where type_producteur = 'Ménage') as menages
    from lifts
    group by date_trunc('week', jour_levee), code_insee, flux, carreau_200m
)

select
    semaine_debut,
    isoyear(semaine_debut)::integer as annee_iso,
    week(semaine_debut)::integer as semaine_iso,
    code_insee,
    flux,
    carreau_200m,
    poids_menages_kg::decimal(18, 2) as poids_menages_kg,
    menages,
    -- the run that computed the week: the increment's watermark
    {{ load_stamp() }} as charge_le
from per_cell
