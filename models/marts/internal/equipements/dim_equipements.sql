{#- The public facilities as their communes list them today (current versions of
    the snapshot), with their national identifier EQUIP_UID: INSEE code, 8-digit
    nomenclature code and an order number per commune and code, given in the order
    the facilities first appeared (so that it does not change from one send to
    the next). -#}
with

history as (
    select * from {{ ref('snp_equipements') }}
),

first_seen as (
    select
        equipement_cle,
        min(dbt_valid_from) as premiere_version
    from history
    group by equipement_cle
),

current_versions as (
    select * from history
    where dbt_valid_to is null
)

select
    current_versions.equipement_cle,
    current_versions.code_insee || '-' || current_versions.equip_code || '-' || lpad(
        row_number() over (
            partition by current_versions.code_insee, current_versions.equip_code
            order by first_seen.premiere_version, current_versions.equipement_id
        )::varchar, 3, '0'
    ) as equip_uid,
    current_versions.code_insee,
    current_versions.commune_nom,
    current_versions.equipement_id,
    current_versions.nom,
    current_versions.libelle_type,
    current_versions.equip_code,
    current_versions.equip_theme,
    current_versions.equip_type,
    current_versions.adr_numero,
    current_versions.adr_voie,
    current_versions.code_postal,
    current_versions.longitude,
    current_versions.latitude,
    current_versions.localisation,
    current_versions.ouverture_osm,
    current_versions.date_envoi,
    current_versions.dbt_valid_from::date as version_depuis,
    first_seen.premiere_version::date as connu_depuis
from current_versions
inner join first_seen on current_versions.equipement_cle = first_seen.equipement_cle
