{#- SCDL équipements 0.1.5, exactly its columns in its order: the public
    facilities of the métropole's communes, published by the métropole. Text is fitted to
    the schema's patterns (an apostrophe or another sign outside them becomes a
    space in ADR_NOMVOIE and ADR_COMMUNE); a facility without a street number
    has ADR_NUMERO 99999, as the schema asks. -#}
with

facilities as (
    select * from {{ ref('dim_equipements') }}
),

metropole as (
    select * from {{ ref('dim_metropole') }}
)

select
    metropole.nom::varchar as COLL_NOM,
    metropole.siret::varchar as COLL_SIRET,
    facilities.equip_uid::varchar as EQUIP_UID,
    facilities.equip_theme::varchar as EQUIP_THEME,
    (facilities.equip_code || '-' || right(facilities.equip_uid, 3))::varchar as EQUIP_CODE,
    facilities.equip_type::varchar as EQUIP_TYPE,
    facilities.nom::varchar as EQUIP_NOM,
    coalesce(facilities.adr_numero, '99999')::varchar as ADR_NUMERO,
    trim(regexp_replace(facilities.adr_voie, '[^a-zA-Z0-9\s''À-ÿ-]', ' ', 'g'))::varchar as ADR_NOMVOIE,
    facilities.code_postal::varchar as ADR_CODEPOSTAL,
    trim(regexp_replace(facilities.commune_nom, '[^a-zA-ZÀ-ÿ\s-]', ' ', 'g'))::varchar as ADR_COMMUNE,
    null::varchar as ADR_CLE_INTEROP,
    null::varchar as ERP_ID,
    null::varchar as ERP_TYPE,
    null::integer as ERP_CATEGORIE,
    facilities.latitude::double as EQUIP_LAT,
    facilities.longitude::double as EQUIP_LONG,
    facilities.ouverture_osm::varchar as EQUIP_OUVERTURE,
    null::varchar as EQUIP_TEL,
    null::varchar as EQUIP_EMAIL,
    null::varchar as EQUIP_WEB
from facilities
cross join metropole
