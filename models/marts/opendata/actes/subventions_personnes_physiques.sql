{#- Grants of the communes to private persons, counted per year and scheme over
    the whole métropole: no name, no identifier, no commune (PRIVACY.md). A count
    below k is withheld with its amount (SECRET_STATISTIQUE), never shown as 0. -#}
with

grants as (
    select * from {{ ref('fct_subventions') }}
    where is_private_person
),

metropole as (
    select * from {{ ref('dim_metropole') }}
),

counted as (
    select
        year(date_convention) as annee,
        dispositif,
        count(*) as aides,
        sum(montant) as montant_total
    from grants
    group by year(date_convention), dispositif
)

select
    metropole.nom::varchar as COLL_NOM,
    counted.annee::integer as ANNEE,
    counted.dispositif::varchar as DISPOSITIF,
    (case when not {{ is_small_count('counted.aides') }} then counted.aides end)::integer as NOMBRE_AIDES,
    (case when not {{ is_small_count('counted.aides') }} then counted.montant_total end)::decimal(18, 2)
        as MONTANT_TOTAL,
    ({{ is_small_count('counted.aides') }})::boolean as SECRET_STATISTIQUE
from counted
cross join metropole
