{#- Births per commune of residence of the parents, year and sex, with the
    statistical secret of PRIVACY.md: primary suppression of counts 1..k-1, then
    secondary suppression inside each commune × year line so that no hidden cell
    can be derived from the line total (no line with exactly one hidden cell, no
    hidden mass of 1..k-1), then across communes within each year and sex.
    Suppressed cells are NULL with SECRET_STATISTIQUE. -#}
with

births as (
    select * from {{ ref('fct_naissances') }}
    where annee_naissance <= {{ last_published_year() }}
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

-- The births of the métropole per year and sex are public (companion of the
-- prénoms), so within a year and a sex the hidden cells of all communes may not be
-- exactly one nor sum to 1..k-1 either. Whole commune lines, smallest total
-- first, are hidden until that holds for every sex and for ENSEMBLE.
cells_with_totals as (
    select
        code_insee,
        annee,
        sexe,
        naissances,
        is_secret
    from suppressed
    union all
    select
        code_insee,
        annee,
        'ENSEMBLE' as sexe,
        any_value(total) as naissances,
        bool_or(is_total_secret) as is_secret
    from suppressed
    group by code_insee, annee
),

candidate_lines as (
    select
        code_insee,
        annee,
        row_number() over (partition by annee order by any_value(total), code_insee) as candidate_rank
    from suppressed
    group by code_insee, annee
    having not bool_or(is_secret) and any_value(total) > 0
),

prefixes as (
    select
        annee,
        candidate_rank as lines_hidden
    from candidate_lines
    union all
    select distinct
        annee,
        0 as lines_hidden
    from suppressed
),

column_checks as (
    select
        prefixes.annee,
        prefixes.lines_hidden,
        cells.sexe,
        count(*) filter (
            where cells.is_secret or candidate_lines.candidate_rank <= prefixes.lines_hidden
        ) as hidden_cells,
        coalesce(sum(cells.naissances) filter (
            where cells.is_secret or candidate_lines.candidate_rank <= prefixes.lines_hidden
        ), 0) as hidden_mass
    from prefixes
    inner join cells_with_totals as cells on prefixes.annee = cells.annee
    left join candidate_lines
        on cells.code_insee = candidate_lines.code_insee and cells.annee = candidate_lines.annee
    group by prefixes.annee, prefixes.lines_hidden, cells.sexe
),

lines_to_hide as (
    select
        annee,
        min(lines_hidden) as lines_hidden
    from (
        select
            annee,
            lines_hidden,
            bool_and(
                hidden_cells = 0 or (hidden_cells >= 2 and not {{ is_small_count('hidden_mass') }})
            ) as is_safe
        from column_checks
        group by annee, lines_hidden
    ) as safety_checks
    where is_safe
    group by annee
),

published as (
    select
        cells.code_insee,
        communes.nom,
        cells.annee,
        cells.sexe,
        cells.is_secret
        or coalesce(candidate_lines.candidate_rank <= coalesce(lines_to_hide.lines_hidden, 1e9), false)
            as is_secret,
        cells.naissances
    from cells_with_totals as cells
    inner join communes on cells.code_insee = communes.code_insee
    left join candidate_lines
        on cells.code_insee = candidate_lines.code_insee and cells.annee = candidate_lines.annee
    left join lines_to_hide on cells.annee = lines_to_hide.annee
)

select
    code_insee::varchar as COLL_INSEE,
    nom::varchar as COMMUNE_NOM,
    annee::integer as ANNEE,
    sexe::varchar as SEXE,
    (case when not is_secret then naissances end)::integer as NOMBRE_NAISSANCES,
    is_secret::boolean as SECRET_STATISTIQUE
from published
