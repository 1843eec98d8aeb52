{#- The published tonnages are the sum of the corrected weights of the lifts, to
    the kilogram: per commune × ISO week × flow (commune file), and per commune ×
    week × flow over the grid file's lines (cells and merged line, each rounded).
    Returns the lines that differ. -#}
with

lifts as (
    select
        code_insee,
        isoyear(jour_levee) as annee_iso,
        week(jour_levee) as semaine_iso,
        flux,
        sum(poids_corrige_kg) as poids_kg,
        sum(poids_corrige_kg) filter (where type_producteur = 'Ménage') as poids_menages_kg
    from {{ ref('fct_dechets_levees') }}
    where code_insee is not null
    group by code_insee, isoyear(jour_levee), week(jour_levee), flux
),

grid as (
    select
        CODE_INSEE,
        ANNEE_ISO,
        SEMAINE_ISO,
        FLUX,
        sum(POIDS_KG) as poids_kg,
        count(*) as published_lines,
        bool_or(SECRET_STATISTIQUE) as has_secret
    from {{ ref('dechets_tonnages_carreau_semaine') }}
    group by CODE_INSEE, ANNEE_ISO, SEMAINE_ISO, FLUX
)

select
    lifts.code_insee,
    lifts.annee_iso,
    lifts.semaine_iso,
    lifts.flux,
    lifts.poids_kg,
    communes.POIDS_KG as poids_publie_commune,
    grid.poids_kg as poids_publie_grille
from lifts
left join {{ ref('dechets_tonnages_commune_semaine') }} as communes
    on
        lifts.code_insee = communes.CODE_INSEE
        and lifts.annee_iso = communes.ANNEE_ISO
        and lifts.semaine_iso = communes.SEMAINE_ISO
        and lifts.flux = communes.FLUX
left join grid
    on
        lifts.code_insee = grid.CODE_INSEE
        and lifts.annee_iso = grid.ANNEE_ISO
        and lifts.semaine_iso = grid.SEMAINE_ISO
        and lifts.flux = grid.FLUX
where
    communes.CODE_INSEE is null
    or (not communes.SECRET_STATISTIQUE and communes.POIDS_KG <> round(lifts.poids_kg))
    -- each grid line is rounded to the kilogram: their sum is within half a kg per line
    or (
        lifts.poids_menages_kg is not null and not coalesce(grid.has_secret, true)
        and abs(grid.poids_kg - lifts.poids_menages_kg) > 0.5 * grid.published_lines
    )
