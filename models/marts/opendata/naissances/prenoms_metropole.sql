{#- First given names of the newborns registered anywhere in the métropole, per
    year and sex, published from the métropole-wide threshold of PRIVACY.md.
    Nested geographies: the métropole count minus the counts of the same name in
    the communes' file is the number of births in communes where the name was
    withheld; a name is withheld here too when that difference would be a count
    below the communes' threshold. -#}
with

births as (
    select * from {{ ref('fct_naissances') }}
    where annee_naissance <= {{ last_published_year() }}
),

metropole as (
    select * from {{ ref('dim_metropole') }}
),

prenoms_communes as (
    select * from {{ ref('prenoms') }}
),

published_in_communes as (
    select
        ANNEE,
        ENFANT_SEXE,
        ENFANT_PRENOM,
        sum(NOMBRE_OCCURRENCES) as occurrences
    from prenoms_communes
    group by ANNEE, ENFANT_SEXE, ENFANT_PRENOM
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
left join published_in_communes
    on
        counted.annee_naissance = published_in_communes.ANNEE
        and counted.sexe = published_in_communes.ENFANT_SEXE
        and counted.premier_prenom = published_in_communes.ENFANT_PRENOM
where
    counted.occurrences >= {{ var('prenoms_min_occurrences_metropole') }}
    and not (
        counted.occurrences - coalesce(published_in_communes.occurrences, 0)
        between 1 and {{ var('prenoms_min_occurrences_commune') - 1 }}
    )
