{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='jour_levee',
    on_schema_change='fail'
) }}
{#- One row per lift kept, incremental by day: a run rebuilds the days of the
    lift files loaded since the last run (a late file for an old day included),
    and only them. Pseudonymised bin and producer ids; no chip, address or
    coordinate. A lift zeroed as a weighing fault is re-estimated when its flow
    says so (seed dechets_flux, reestimation_poids rennes; docs block
    dechets_correction_poids): the mean weight of the lifts weighed without
    fault of the same flow and bin volume in the same month of the previous year
    (read from this table, and from the days being built), when enough lifts
    back it, else the datafactory's default table. -#}
-- depends_on: {{ ref('int_dechets_files_checked') }}
{# The days to rebuild — those of the lift files not in the fact yet — looked up
    first (from the files' first and last days, not from the lifts) and written
    as constants: the filter then reaches below the duplicate check's window
    (partitioned by day) and the staged history is skipped. (The quarantine
    finds its days from the staged lines' charge_le; a mart may not read
    staging, and the validation view would number every lift to filter them.) #}
{%- set new_days = [] -%}
{%- if is_incremental() and execute -%}
    {%- set days_query -%}
        select distinct strftime(unnest(generate_series(files.premier_jour, files.dernier_jour, interval 1 day)), '%Y-%m-%d')
        from {{ ref('int_dechets_files_checked') }} as files
        where
            files.source_format = 'levees'
            and files.premier_jour is not null
            and files.source_file not in (select loaded.source_file from {{ this }} as loaded)
        order by 1
    {%- endset -%}
    {%- set new_days = run_query(days_query).columns[0].values() | list -%}
{%- endif %}

with

lifts as (
    select enriched.*
    from {{ ref('int_dechets_levees_enriched') }} as enriched
    where
        -- the layout rule reads the block below differently rendered or not
        enriched.flux is not null  -- noqa: disable=LT02
    {% if is_incremental() %}
        -- the days of the lift files not loaded yet (a late file rebuilds its day)
        and enriched.jour_levee in ({{ sql_constants(new_days, 'date') }})
    {% endif %}
),  -- noqa: enable=LT02

flows as (
    select * from {{ ref('dechets_flux') }}
),

default_weights as (
    select * from {{ ref('dechets_poids_par_defaut') }}
),

-- the lifts weighed without fault of the months a month being built looks back to
weighed_without_fault as (
    select
        flux,
        litrage,
        jour_levee,
        poids_kg
    from lifts
    where correction_poids is null
    {% if is_incremental() %}
        union all
        select
            flux,
            litrage,
            jour_levee,
            poids_kg
        from {{ this }}
        where
            correction_poids is null
            and jour_levee not in ({{ sql_constants(new_days, 'date') }})
            and date_trunc('month', jour_levee) + interval 1 year
            in (select distinct date_trunc('month', new_lifts.jour_levee) from lifts as new_lifts)
    {% endif %}
),

monthly_means as (
    select
        flux,
        litrage,
        date_trunc('month', jour_levee) as mois,
        count(*) as levees,
        avg(poids_kg) as poids_moyen_kg
    from weighed_without_fault
    group by flux, litrage, date_trunc('month', jour_levee)
),

reestimated as (
    select
        lifts.*,
        case
            when lifts.correction_poids is null or flows.reestimation_poids <> 'rennes' then null
            when previous_year.levees >= {{ var('dechets_reestimation_min_levees') }}
                then 'moyenne_mois_annee_precedente'
            when default_weight.poids_kg is not null then 'table_par_defaut'
        end as reestimation_poids,
        case
            when lifts.correction_poids is null or flows.reestimation_poids <> 'rennes' then null
            when previous_year.levees >= {{ var('dechets_reestimation_min_levees') }}
                then round(previous_year.poids_moyen_kg, 2)
            else default_weight.poids_kg
        end as poids_reestime_kg
    from lifts
    left join flows on lifts.flux = flows.flux
    left join monthly_means as previous_year
        on lifts.flux = previous_year.flux
            and lifts.litrage is not distinct from previous_year.litrage
            and date_trunc('month', lifts.jour_levee) - interval 1 year = previous_year.mois
    left join default_weights as default_weight
        on {{ default_weight_applies('lifts.flux', 'lifts.litrage', 'default_weight') }}
)

select
    reestimated.jour_levee,
    reestimated.leve_le,
    reestimated.bac_id,
    reestimated.bac_valide_du,
    reestimated.type_puce,
    reestimated.producteur_id,
    reestimated.code_insee,
    reestimated.type_producteur,
    reestimated.carreau_200m,
    reestimated.flux,
    reestimated.litrage,
    reestimated.poids_kg,
    -- what counts in the tonnages: the weight, corrected, or re-estimated
    coalesce(reestimated.poids_reestime_kg, reestimated.poids_corrige_kg)::decimal(10, 2) as poids_corrige_kg,
    reestimated.correction_poids,
    reestimated.reestimation_poids,
    reestimated.gps_hors_metropole,
    reestimated.vehicule,
    reestimated.tournee,
    reestimated.source_file,
    -- the run that (re)built the day: the watermark of the weekly tonnages
    {{ load_stamp() }} as charge_le
from reestimated
