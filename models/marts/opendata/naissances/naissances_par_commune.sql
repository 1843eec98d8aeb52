{#- Births per commune of residence of the parents, year and sex, with the
    statistical secret of PRIVACY.md: primary suppression of counts 1..k-1, then
    secondary suppression inside each commune × year line so that no hidden cell
    can be derived from the line total (no line with exactly one hidden cell, no
    hidden mass of 1..k-1). Suppressed cells are NULL with SECRET_STATISTIQUE. -#}
with

births as (
    select * from {{ ref('fct_naissances') }}
),

communes as (
    select * from {{ ref('communes') }}
),

years as (
    select distinct annee_naissance as annee from births
),

sexes as (
    select sex_codes.sexe from (values ('F'), ('M'), ('I')) as sex_codes (sexe)
),

counts as (
    select
        code_insee_domicile as code_insee,
        annee_naissance as annee,
        sexe,
        count(*) as naissances
    from births
    group by code_insee_domicile, annee_naissance, sexe
),

cells as (
    select
        communes.code_insee,
        communes.nom,
        years.annee,
        sexes.sexe,
        coalesce(counts.naissances, 0) as naissances,
        {{ is_small_count('coalesce(counts.naissances, 0)') }} as is_primary
    from communes
    cross join years
    cross join sexes
    left join counts
        on
            communes.code_insee = counts.code_insee
            and years.annee = counts.annee
            and sexes.sexe = counts.sexe
),

line_totals as (
    select
        code_insee,
        annee,
        sum(naissances) as total,
        count(*) filter (where is_primary) as primary_cells,
        coalesce(sum(naissances) filter (where is_primary), 0) as primary_mass
    from cells
    group by code_insee, annee
),

ranked_cells as (
    select
        cells.*,
        line_totals.total,
        line_totals.primary_cells,
        line_totals.primary_mass,
        -- the smallest publishable non-zero cell of the line: hidden as well when
        -- the primary cells alone would be derivable from the total
        row_number() over (
            partition by cells.code_insee, cells.annee, (not cells.is_primary and cells.naissances > 0)
            order by cells.naissances, cells.sexe
        ) as shown_rank
    from cells
    inner join line_totals
        on cells.code_insee = line_totals.code_insee and cells.annee = line_totals.annee
),

suppressed as (
    select
        *,
        {{ is_small_count('total') }} as is_total_secret,
        {{ is_small_count('total') }}
        or is_primary
        or (
            primary_cells > 0
            and (primary_cells = 1 or {{ is_small_count('primary_mass') }})
            and not is_primary
            and naissances > 0
            and shown_rank = 1
        ) as is_secret
    from ranked_cells
),

by_sex as (
    select
        code_insee,
        nom,
        annee,
        sexe,
        case when not is_secret then naissances end as naissances,
        is_secret
    from suppressed
),

all_sexes as (
    select
        code_insee,
        any_value(nom) as nom,
        annee,
        'ENSEMBLE' as sexe,
        case when not bool_or(is_total_secret) then sum(naissances) end as naissances,
        bool_or(is_total_secret) as is_secret
    from suppressed
    group by code_insee, annee
),

published as (
    select * from by_sex
    union all
    select * from all_sexes
)

select
    code_insee::varchar as COLL_INSEE,
    nom::varchar as COMMUNE_NOM,
    annee::integer as ANNEE,
    sexe::varchar as SEXE,
    naissances::integer as NOMBRE_NAISSANCES,
    is_secret::boolean as SECRET_STATISTIQUE
from published
