{#- SCDL prénoms v1.1.6: first given names of the newborns per commune of
    registration, year and sex, published from the threshold of PRIVACY.md. -#}
with

births as (
    select * from {{ ref('fct_naissances') }}
    where annee_naissance <= {{ last_published_year() }}
),

communes as (
    select * from {{ ref('communes') }}
),

counted as (
    select
        code_insee_lieu_naissance,
        annee_naissance,
        sexe,
        premier_prenom,
        count(*) as occurrences
    from births
    group by code_insee_lieu_naissance, annee_naissance, sexe, premier_prenom
)

select
    communes.nom::varchar as COMMUNE_NOM,
    counted.code_insee_lieu_naissance::varchar as COLL_INSEE,
    counted.sexe::varchar as ENFANT_SEXE,
    counted.premier_prenom::varchar as ENFANT_PRENOM,
    counted.occurrences::integer as NOMBRE_OCCURRENCES,
    counted.annee_naissance::integer as ANNEE
from counted
inner join communes
    on counted.code_insee_lieu_naissance = communes.code_insee
where counted.occurrences >= {{ var('prenoms_min_occurrences_commune') }}
