{#- Tonnage collected per commune, ISO week and flow, and kg per inhabitant
    (municipal population of the seed). Statistical secret (docs block
    dechets_secret): a line is suppressed (NULL + SECRET_STATISTIQUE) when fewer
    than k households contributed, or when its non-household part (what the
    commune line minus the grid file's lines of the commune reveals) has fewer
    than 3 producers or one above 85 % of it. -#}

with

commune_weeks as (
    select * from {{ ref('fct_dechets_tonnages_commune_semaine') }}
    where code_insee is not null
),

communes as (
    select * from {{ ref('communes') }}
),

secret as (
    select
        *,
        {{ is_small_count('menages') }}
        or (
            poids_autres_kg > 0
            and (autres_producteurs < 3 or poids_autre_max_kg > 0.85 * poids_autres_kg)
        ) as is_secret
    from commune_weeks
)

select
    secret.annee_iso::integer as ANNEE_ISO,
    secret.semaine_iso::integer as SEMAINE_ISO,
    secret.semaine_debut::date as SEMAINE_DEBUT,
    secret.code_insee::varchar as CODE_INSEE,
    communes.nom::varchar as COMMUNE,
    secret.flux::varchar as FLUX,
    case when not secret.is_secret then round(secret.poids_kg)::bigint end as POIDS_KG,
    case when not secret.is_secret then secret.menages end as NB_MENAGES,
    communes.population_municipale::integer as POPULATION,
    case
        when not secret.is_secret
            then round(secret.poids_kg / communes.population_municipale, 3)::decimal(10, 3)
    end as KG_PAR_HABITANT,
    secret.is_secret::boolean as SECRET_STATISTIQUE,
    -- how the weights were corrected (docs block dechets_correction_poids), under the same secret
    case when not secret.is_secret then secret.levees end as NB_LEVEES,
    case when not secret.is_secret then secret.levees_corrigees end as NB_LEVEES_CORRIGEES,
    case when not secret.is_secret then secret.levees_reestimees end as NB_LEVEES_REESTIMEES
from secret
inner join communes on secret.code_insee = communes.code_insee
