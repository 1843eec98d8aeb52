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

versioned as (
    select
        *,
        -- sends in a row describing the facility the same way share their first date
        min(date_envoi) over (
            partition by
                code_insee, equipement_id, nom, equip_code, adr_numero, adr_voie, code_postal,
                longitude, latitude, ouverture_osm
        ) as version_date
    from valid
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
