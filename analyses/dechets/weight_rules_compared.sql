-- The two weight corrections on the same lifts (docs block dechets_correction_poids),
-- per flow: the SPMD's limit (volume x a maximum density) and the datafactory's (strictly
-- between 0 and a fixed maximum), and the datafactory's re-estimation of a zeroed lift by its
-- default table (the previous year's monthly means need a year of history). Both go
-- through the project's own macro, with the limits of the seed dechets_flux.
-- Compile with `dbt compile --select weight_rules_compared` and run the SQL of
-- target/compiled/ against the warehouse; tests_py/test_dechets.py runs it.
with

lifts as (
    select * from {{ ref('int_dechets_levees_enriched') }}
    where flux is not null
),

flows as (
    select * from {{ ref('dechets_flux') }}
),

default_weights as (
    select * from {{ ref('dechets_poids_par_defaut') }}
),

both_rules as (
    select
        lifts.flux,
        lifts.poids_kg,
        {{ corrected_weight('lifts.poids_kg', 'lifts.litrage', "'densite'", 'flows.densite_max_kg_par_litre',
            'flows.poids_max_kg_volume_inconnu', 'flows.poids_max_fixe_kg') }} as spmd,
        {{ corrected_weight('lifts.poids_kg', 'lifts.litrage', "'fixe'", 'flows.densite_max_kg_par_litre',
            'flows.poids_max_kg_volume_inconnu', 'flows.poids_max_fixe_kg') }} as rennes,
        default_weight.poids_kg as poids_par_defaut_kg
    from lifts
    inner join flows on lifts.flux = flows.flux
    left join default_weights as default_weight
        on {{ default_weight_applies('lifts.flux', 'lifts.litrage', 'default_weight') }}
)

select
    both_rules.flux,
    count(*) as levees,
    round(sum(greatest(both_rules.poids_kg, 0)) / 1000, 3) as tonnes_pesees,
    count(spmd.correction) as levees_a_zero_spmd,
    round(sum(spmd.poids_corrige_kg) / 1000, 3) as tonnes_spmd,
    count(rennes.correction) as levees_a_zero_rennes,
    count(*) filter (where rennes.correction = 'poids_nul') as dont_poids_nul_rennes,
    round(sum(rennes.poids_corrige_kg) / 1000, 3) as tonnes_rennes_sans_reestimation,
    round(sum(
        case
            when rennes.correction is not null then coalesce(both_rules.poids_par_defaut_kg, 0)
            else rennes.poids_corrige_kg
        end
    ) / 1000, 3) as tonnes_rennes_reestimees_par_defaut,
    count(*) filter (where spmd.correction is not null and rennes.correction is not null) as a_zero_les_deux,
    count(*) filter (where spmd.correction is not null and rennes.correction is null)
        as a_zero_spmd_seulement,
    count(*) filter (where spmd.correction is null and rennes.correction is not null)
        as a_zero_rennes_seulement
from both_rules
group by both_rules.flux
order by both_rules.flux
