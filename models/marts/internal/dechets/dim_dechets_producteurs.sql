{#- The producers' versions (SCD2) under their pseudonym: commune, kind,
    activity and 200 m cell (no address, no coordinate), and the unknown member. -#}

with

versions as (
    select * from {{ ref('int_dechets_producteurs_versions') }}
)

select
    producteur_id,
    valide_du,
    valide_au,
    code_insee,
    type_producteur,
    activite,
    carreau_200m
from versions
union all
select
    'inconnu' as producteur_id,
    '2000-01-01'::date as valide_du,
    null::date as valide_au,
    null::varchar as code_insee,
    'Indéterminé' as type_producteur,
    'Indéterminée' as activite,
    null::varchar as carreau_200m
