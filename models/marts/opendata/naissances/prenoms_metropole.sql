{#- First given names of the newborns registered anywhere in the métropole, per
    year and sex, published from the métropole-wide threshold of PRIVACY.md. -#}
with

births as (
    select * from {{ ref('fct_naissances') }}
),

metropole as (
    select * from {{ ref('metropole') }}
),

counted as (
    select
        annee_naissance,
        sexe,
        premier_prenom,
        count(*) as occurrences
    from births
    group by annee_naissance, sexe, premier_prenom
)

select
    metropole.nom::varchar as COLL_NOM,
    metropole.siren::varchar as COLL_SIREN,
    counted.sexe::varchar as ENFANT_SEXE,
    counted.premier_prenom::varchar as ENFANT_PRENOM,
    counted.occurrences::integer as NOMBRE_OCCURRENCES,
    counted.annee_naissance::integer as ANNEE
from counted
cross join metropole
where counted.occurrences >= {{ var('prenoms_min_occurrences_metropole') }}
