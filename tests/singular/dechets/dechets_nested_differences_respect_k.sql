{#- PRIVACY.md, nested geographies: the households of a commune line minus those of
    the grid lines of that commune (cells and merged line) is 0 or at least k, and
    what the commune's weight minus the grid's weight reveals — the non-household
    producers of the commune — has at least 3 producers and none above 85 %
    (business secret), whenever both files publish the line. Returns the lines
    that break it. -#}
with

grid as (
    select
        CODE_INSEE,
        ANNEE_ISO,
        SEMAINE_ISO,
        FLUX,
        sum(NB_MENAGES) as menages,
        bool_or(SECRET_STATISTIQUE) as has_secret
    from {{ ref('dechets_tonnages_carreau_semaine') }}
    group by CODE_INSEE, ANNEE_ISO, SEMAINE_ISO, FLUX
),

others as (
    -- the non-household producers behind each commune line
    select
        code_insee,
        isoyear(jour_levee) as annee_iso,
        week(jour_levee) as semaine_iso,
        flux,
        producteur_id,
        sum(poids_corrige_kg) as poids_kg
    from {{ ref('fct_dechets_levees') }}
    where code_insee is not null and type_producteur <> 'Ménage'
    group by code_insee, isoyear(jour_levee), week(jour_levee), flux, producteur_id
),

others_per_line as (
    select
        code_insee,
        annee_iso,
        semaine_iso,
        flux,
        count(*) as producers,
        sum(poids_kg) as poids_kg,
        max(poids_kg) as largest_kg
    from others
    group by code_insee, annee_iso, semaine_iso, flux
)

select
    communes.CODE_INSEE,
    communes.ANNEE_ISO,
    communes.SEMAINE_ISO,
    communes.FLUX,
    communes.NB_MENAGES - grid.menages as menages_difference,
    others_per_line.producers,
    others_per_line.largest_kg / nullif(others_per_line.poids_kg, 0) as largest_share
from {{ ref('dechets_tonnages_commune_semaine') }} as communes
inner join grid
    on
        communes.CODE_INSEE = grid.CODE_INSEE
        and communes.ANNEE_ISO = grid.ANNEE_ISO
        and communes.SEMAINE_ISO = grid.SEMAINE_ISO
        and communes.FLUX = grid.FLUX
left join others_per_line
    on
        communes.CODE_INSEE = others_per_line.code_insee
        and communes.ANNEE_ISO = others_per_line.annee_iso
        and communes.SEMAINE_ISO = others_per_line.semaine_iso
        and communes.FLUX = others_per_line.flux
where
    not communes.SECRET_STATISTIQUE
    and (
        (not grid.has_secret and {{ is_small_count('communes.NB_MENAGES - grid.menages') }})
        or (
            others_per_line.poids_kg > 0
            and (
                others_per_line.producers < 3
                or others_per_line.largest_kg > 0.85 * others_per_line.poids_kg
            )
        )
    )
