{#- Household tonnage per 200 m cell (INSPIRE grid, EPSG:3035), ISO week and
    flow. A cell is published when at least k households contributed; the
    smaller cells of the commune are merged into one "reste de la commune" line.
    When that line would hold 1 to k-1 households, the smallest published cell
    joins it, so the merged line is 0 or at least k households and never a
    single cell (docs block dechets_secret). A commune with fewer than k
    households that week has its merged line suppressed. Cells and merged line
    add up to the households of the commune file. -#}

with

per_cell as (
    select
        code_insee,
        annee_iso,
        semaine_iso,
        flux,
        carreau_200m,
        poids_menages_kg as poids_kg,
        menages
    from {{ ref('fct_dechets_tonnages_carreau_semaine') }}
    -- a cell lifted for other producers only holds no household
    where code_insee is not null and menages > 0
),

ranked as (
    select
        *,
        -- a household without a cell (no usable location) is in the merged line
        carreau_200m is not null and menages >= {{ var('secret_statistique_k') }} as is_large,
        -- the smallest large cell of the line, first
        row_number() over (
            partition by
                code_insee, annee_iso, semaine_iso, flux,
                carreau_200m is not null and menages >= {{ var('secret_statistique_k') }}
            order by menages, poids_kg, carreau_200m
        ) as rank_in_size
    from per_cell
),

small_mass as (
    select
        code_insee,
        annee_iso,
        semaine_iso,
        flux,
        coalesce(sum(menages) filter (where not is_large), 0) as small_households
    from ranked
    group by code_insee, annee_iso, semaine_iso, flux
),

placed as (
    select
        ranked.*,
        not ranked.is_large
        or (
            ranked.rank_in_size = 1
            and small_mass.small_households > 0
            and small_mass.small_households < {{ var('secret_statistique_k') }}
        ) as is_merged
    from ranked
    inner join small_mass
        on ranked.code_insee = small_mass.code_insee
            and ranked.annee_iso = small_mass.annee_iso
            and ranked.semaine_iso = small_mass.semaine_iso
            and ranked.flux = small_mass.flux
),

published_cells as (
    select
        annee_iso,
        semaine_iso,
        code_insee,
        flux,
        'carreau' as niveau,
        carreau_200m,
        poids_kg,
        menages
    from placed
    where not is_merged
),

merged as (
    select
        annee_iso,
        semaine_iso,
        code_insee,
        flux,
        'reste_commune' as niveau,
        null::varchar as carreau_200m,
        sum(poids_kg) as poids_kg,
        sum(menages) as menages
    from placed
    where is_merged
    group by annee_iso, semaine_iso, code_insee, flux
),

lines as (
    select * from published_cells
    union all
    select * from merged
)

select
    annee_iso::integer as ANNEE_ISO,
    semaine_iso::integer as SEMAINE_ISO,
    code_insee::varchar as CODE_INSEE,
    flux::varchar as FLUX,
    niveau::varchar as NIVEAU,
    carreau_200m::varchar as CARREAU_200M,
    case when not {{ is_small_count('menages') }} then round(poids_kg)::bigint end as POIDS_KG,
    case when not {{ is_small_count('menages') }} then menages::bigint end as NB_MENAGES,
    {{ is_small_count('menages') }} as SECRET_STATISTIQUE
from lines
