{#- The facilities of each commune's latest send (a new send replaces the
    previous one), one row per facility, with version_date: the first send since
    which the facility is described exactly so. The snapshot snp_equipements keeps
    a version per change (dbt_valid_from = version_date) and closes a facility
    that a later send no longer lists. -#}
with

valid as (
    select * from {{ ref('int_equipements_validated') }}
    where rejection_reason is null
),

latest_send as (
    select
        code_insee,
        max(date_envoi) as date_envoi
    from valid
    group by code_insee
),

described as (
    select
        *,
        -- what a version is made of
        [
            nom, equip_code, adr_numero, adr_voie, code_postal, longitude::varchar, latitude::varchar,
            ouverture_osm
        ] as description
    from valid
),

changes as (
    select
        *,
        -- a send that describes the facility differently from the previous send
        coalesce(
            description is distinct from lag(description) over (
                partition by code_insee, equipement_id order by date_envoi
            ),
            true
        )::integer as is_change
    from described
),

runs as (
    select
        *,
        sum(is_change) over (
            partition by code_insee, equipement_id order by date_envoi
            rows between unbounded preceding and current row
        ) as run_number
    from changes
),

versioned as (
    select
        *,
        -- consecutive sends describing the facility the same way: the first one's
        -- date (a facility changed and changed back is a new version)
        min(date_envoi) over (partition by code_insee, equipement_id, run_number) as version_date
    from runs
)

select
    versioned.code_insee || '|' || versioned.equipement_id as equipement_cle,
    versioned.code_insee,
    versioned.commune_nom,
    versioned.equipement_id,
    versioned.nom,
    versioned.libelle_type,
    versioned.equip_code,
    versioned.equip_theme,
    versioned.equip_type,
    versioned.adr_numero,
    versioned.adr_voie,
    versioned.code_postal,
    versioned.longitude,
    versioned.latitude,
    versioned.localisation,
    versioned.ouverture_osm,
    versioned.date_envoi,
    versioned.version_date::timestamp as version_date
from versioned
inner join latest_send
    on versioned.code_insee = latest_send.code_insee and versioned.date_envoi = latest_send.date_envoi
