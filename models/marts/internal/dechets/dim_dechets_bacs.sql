{#- The bins' versions (SCD2) under their pseudonym, and the two unknown
    members the lifts attach to when the chip is not in the photos (Inconnu) or
    missing (Absent). -#}

with

versions as (
    select * from {{ ref('int_dechets_bacs_versions') }}
),

producers as (
    select distinct
        code_producteur,
        producteur_id
    from {{ ref('int_dechets_producteurs_versions') }}
)

select
    versions.bac_id,
    versions.valide_du,
    versions.valide_au,
    'Connu' as type_puce,
    coalesce(producers.producteur_id, 'inconnu') as producteur_id,
    versions.categorie_recipient,
    versions.type_recipient,
    versions.litrage,
    versions.flux
from versions
left join producers on versions.code_producteur = producers.code_producteur
union all
select
    member.bac_id,
    '2000-01-01'::date as valide_du,
    null::date as valide_au,
    member.type_puce,
    'inconnu' as producteur_id,
    'Indéterminée' as categorie_recipient,
    'Indéterminé' as type_recipient,
    null::integer as litrage,
    null::varchar as flux
from (values ('inconnu', 'Inconnu'), ('absent', 'Absent')) as member (bac_id, type_puce)
