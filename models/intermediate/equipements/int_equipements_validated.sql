{#- Every data line of every facility list, judged: rejection_reason is the
    first check it fails, or null for a valid facility. The type label is mapped
    to the national nomenclature by the seed equipements_types; a label not in
    the seed is rejected with its commune and label, for a data steward to add.
    Reasons are listed in the docs block equipements_rejection_reason. -#}
with

located as (
    select * from {{ ref('int_equipements_located') }}
),

communes as (
    select
        code_insee,
        nom
    from {{ ref('communes') }}
),

types as (
    select
        {{ comparable_label('libelle') }} as libelle_cle,
        any_value(equip_code) as equip_code,
        any_value(equip_theme) as equip_theme,
        any_value(equip_type) as equip_type
    from {{ ref('equipements_types') }}
    group by {{ comparable_label('libelle') }}
),

mapped as (
    select
        located.*,
        communes.nom as commune_nom,
        types.equip_code,
        types.equip_theme,
        types.equip_type,
        {{ opening_hours_osm('located.horaires') }} as ouverture_osm
    from located
    left join communes on located.code_insee_fichier = communes.code_insee
    left join types on {{ comparable_label('located.libelle_type') }} = types.libelle_cle
),

failed_checks as (
    select
        *,
        case
            when parse_error is not null then parse_error
            when commune_nom is null or date_envoi is null then 'unknown_sender'
            when equipement_id is null then 'missing_facility_id'
            when nom is null then 'missing_name'
            when equip_code is null then 'unmapped_type'
            when has_unreadable_coordinates then 'invalid_coordinates'
            when localisation is null then 'address_not_found'
            when is_outside_commune then 'outside_commune'
        end as failed_check,
        case
            when parse_error is not null then parse_error_detail
            when commune_nom is null or date_envoi is null
                then 'file name is not equipements_<INSEE of a commune>_<AAAAMMJJ>'
            when equipement_id is null then 'no facility identifier on the line'
            when nom is null then 'facility ' || equipement_id || ' has no name'
            when equip_code is null
                then commune_nom || ': type label "' || coalesce(libelle_type, '')
                    || '" is not in seed equipements_types'
            when has_unreadable_coordinates then 'coordinates are not numbers'
            when localisation is null
                then 'no coordinates, and the address "' || coalesce(adr_numero, '') || ' '
                    || coalesce(adr_voie, '') || '" is not in the address referential'
            when is_outside_commune
                then 'point (' || longitude::varchar || ', ' || latitude::varchar
                    || ') is outside the addresses of ' || commune_nom
        end as failed_check_detail
    from mapped
),

ranked as (
    select
        *,
        -- the same facility twice in one send: the first line is kept
        row_number() over (
            partition by source_file, failed_check is null, equipement_id order by line_number
        ) as occurrence
    from failed_checks
)

select
    source_format,
    source_file,
    line_number,
    code_insee_fichier as code_insee,
    commune_nom,
    date_envoi,
    equipement_id,
    nom,
    libelle_type,
    equip_code,
    equip_theme,
    equip_type,
    adr_numero,
    adr_voie,
    code_postal,
    longitude,
    latitude,
    localisation,
    horaires,
    ouverture_osm,
    case when is_swapped then 'lat_lon_swapped' else '' end as corrections,
    coalesce(failed_check, case when occurrence > 1 then 'duplicate_facility' end) as rejection_reason,
    coalesce(
        failed_check_detail,
        case when occurrence > 1 then 'facility ' || equipement_id || ' already in the file' end
    ) as rejection_detail
from ranked
