{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='semaine_debut',
    on_schema_change='fail'
) }}
{#- The weight collected and the producers behind it per commune, ISO week and
    flow, before any secret: what opendata dechets_tonnages_commune_semaine
    publishes or suppresses. Incremental by ISO week (docs block
    dechets_tonnages_par_semaine). -#}

with

lifts as (
    select * from {{ ref('fct_dechets_levees') }}
    where {{ in_rebuilt_weeks(ref('fct_dechets_levees')) }}
),

per_producer as (
    select
        code_insee,
        -- the Monday of the ISO week
        date_trunc('week', jour_levee)::date as semaine_debut,
        flux,
        producteur_id,
        any_value(type_producteur) as type_producteur,
        sum(poids_corrige_kg) as poids_kg,
        count(*) as levees,
        count(correction_poids) as levees_corrigees,
        count(reestimation_poids) as levees_reestimees
    from lifts
    group by code_insee, date_trunc('week', jour_levee), flux, producteur_id
)

select
    semaine_debut,
    isoyear(semaine_debut)::integer as annee_iso,
    week(semaine_debut)::integer as semaine_iso,
    code_insee,
    flux,
    sum(poids_kg)::decimal(18, 2) as poids_kg,
    count(*) filter (where type_producteur = 'Ménage') as menages,
    count(*) filter (where type_producteur <> 'Ménage') as autres_producteurs,
    coalesce(sum(poids_kg) filter (where type_producteur <> 'Ménage'), 0)::decimal(18, 2) as poids_autres_kg,
    coalesce(max(poids_kg) filter (where type_producteur <> 'Ménage'), 0)::decimal(18, 2)
        as poids_autre_max_kg,
    sum(levees)::bigint as levees,
    sum(levees_corrigees)::bigint as levees_corrigees,
    sum(levees_reestimees)::bigint as levees_reestimees,
    -- the run that computed the week: the increment's watermark
    {{ load_stamp() }} as charge_le
from per_producer
group by semaine_debut, code_insee, flux
