{#- Companion of the two prénoms files: per year and sex, how many births are
    behind published names and how many behind names withheld by the threshold,
    so that totals reconcile without revealing any name. Counts of persons, so
    k-anonymity applies: a masked count of 1..k-1 hides the line's counts. -#}
with

births as (
    select * from {{ ref('fct_naissances') }}
    where annee_naissance <= {{ last_published_year() }}
),

prenoms_communes as (
    select * from {{ ref('prenoms') }}
),

prenoms_metropole as (
    select * from {{ ref('prenoms_metropole') }}
),

totals as (
    select
        annee_naissance as annee,
        sexe,
        count(*) as naissances
    from births
    group by annee_naissance, sexe
),

published_communes as (
    select
        ANNEE,
        ENFANT_SEXE,
        sum(NOMBRE_OCCURRENCES) as occurrences
    from prenoms_communes
    group by ANNEE, ENFANT_SEXE
),

published_metropole as (
    select
        ANNEE,
        ENFANT_SEXE,
        sum(NOMBRE_OCCURRENCES) as occurrences
    from prenoms_metropole
    group by ANNEE, ENFANT_SEXE
),

lines as (
    select
        totals.annee,
        totals.sexe,
        totals.naissances,
        coalesce(published_communes.occurrences, 0) as publiees_communes,
        totals.naissances - coalesce(published_communes.occurrences, 0) as masquees_communes,
        coalesce(published_metropole.occurrences, 0) as publiees_metropole,
        totals.naissances - coalesce(published_metropole.occurrences, 0) as masquees_metropole
    from totals
    left join published_communes
        on totals.annee = published_communes.ANNEE and totals.sexe = published_communes.ENFANT_SEXE
    left join published_metropole
        on totals.annee = published_metropole.ANNEE and totals.sexe = published_metropole.ENFANT_SEXE
),

flagged as (
    select
        *,
        {{ is_small_count('naissances') }}
        or {{ is_small_count('masquees_communes') }}
        or {{ is_small_count('masquees_metropole') }} as is_secret
    from lines
)

select
    annee::integer as ANNEE,
    sexe::varchar as ENFANT_SEXE,
    (case when not is_secret then naissances end)::integer as NOMBRE_NAISSANCES,
    publiees_communes::integer as OCCURRENCES_PUBLIEES_COMMUNES,
    (case when not is_secret then masquees_communes end)::integer as OCCURRENCES_MASQUEES_COMMUNES,
    publiees_metropole::integer as OCCURRENCES_PUBLIEES_METROPOLE,
    (case when not is_secret then masquees_metropole end)::integer as OCCURRENCES_MASQUEES_METROPOLE,
    is_secret::boolean as SECRET_STATISTIQUE
from flagged
