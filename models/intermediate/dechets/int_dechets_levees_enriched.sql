{{ config(materialized='view') }}
{#- Valid lifts joined to the bin version and the producer version valid on the
    day of the lift (valide_du <= day < valide_au). A chip no photo holds on
    that day attaches to the unknown member (type_puce Inconnu), a lift without
    chip to the member Absent: counted, never dropped. The flow is the bin's,
    else the round's; the weight is corrected (macro corrected_weight). -#}

with

lifts as (
    select * from {{ ref('int_dechets_levees_validated') }}
    where rejection_reason is null
),

bins as (
    select * from {{ ref('int_dechets_bacs_versions') }}
),

producers as (
    select * from {{ ref('int_dechets_producteurs_versions') }}
),

flux as (
    select * from {{ ref('dechets_flux') }}
),

bounds as (
    {%- set box = territoire_bounds() %}
    select
        {{ box.lon_min }} as lon_min,
        {{ box.lon_max }} as lon_max,
        {{ box.lat_min }} as lat_min,
        {{ box.lat_max }} as lat_max
),

joined as (
    select
        lifts.*,
        bins.bac_id,
        bins.valide_du as bac_valide_du,
        bins.litrage,
        producers.producteur_id,
        producers.code_insee,
        producers.type_producteur,
        producers.carreau_200m,
        case
            when lifts.code_puce is null then 'Absent'
            when bins.code_puce is null then 'Inconnu'
            else 'Connu'
        end as type_puce,
        coalesce(bins.flux, lifts.flux_tournee) as flux_candidat
    from lifts
    left join bins
        on lifts.code_puce = bins.code_puce
            and lifts.jour_levee >= bins.valide_du
            -- open versions end in 9999: an equality plus a range, not an OR (a hash join)
            and lifts.jour_levee < coalesce(bins.valide_au, '9999-12-31'::date)
    left join producers
        on bins.code_producteur = producers.code_producteur
            and lifts.jour_levee >= producers.valide_du
            and lifts.jour_levee < coalesce(producers.valide_au, '9999-12-31'::date)
),

corrected as (
    select
        joined.*,
        flux.flux,
        {{ corrected_weight('joined.poids_kg', 'joined.litrage', 'flux.limite_poids',
            'flux.densite_max_kg_par_litre', 'flux.poids_max_kg_volume_inconnu', 'flux.poids_max_fixe_kg') }}
            as weight,
        not coalesce(
            joined.longitude between bounds.lon_min and bounds.lon_max
            and joined.latitude between bounds.lat_min and bounds.lat_max, false
        ) as gps_hors_metropole
    from joined
    cross join bounds
    left join flux on joined.flux_candidat = flux.flux
)

select
    source_file,
    line_number,
    jour_levee,
    leve_le,
    type_puce,
    -- unknown members: one key each, never a chip
    case type_puce
        when 'Connu' then bac_id
        when 'Inconnu' then 'inconnu'
        else 'absent'
    end as bac_id,
    bac_valide_du,
    coalesce(producteur_id, 'inconnu') as producteur_id,
    code_insee,
    type_producteur,
    carreau_200m,
    flux,
    litrage,
    poids_kg,
    struct_extract(weight, 'poids_corrige_kg') as poids_corrige_kg,
    struct_extract(weight, 'correction') as correction_poids,
    gps_hors_metropole,
    vehicule,
    tournee,
    flux_candidat,
    charge_le
from corrected
