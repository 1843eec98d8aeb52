{#- Every data line of every births file, with the first check it fails
    (rejection_reason) or null when it is a valid, first-seen birth act. -#}
with

records as (
    select * from {{ ref('int_naissances_unioned') }}
    where record_type = 'data'
),

communes as (
    select code_insee from {{ ref('communes') }}
),

checked as (
    select
        records.*,
        lieu.code_insee is not null as is_known_lieu,
        domicile.code_insee is not null as is_known_domicile,
        coalesce({{ regex_full_match('records.premier_prenom', scdl_prenom_pattern()) }}, false)
            as is_scdl_prenom
    from records
    left join communes as lieu
        on records.code_insee_lieu_naissance = lieu.code_insee
    left join communes as domicile
        on records.code_insee_domicile = domicile.code_insee
),

failed_checks as (
    select
        *,
        case
            when parse_error is not null then parse_error
            when numero_acte is null then 'missing_act_number'
            when not is_known_lieu or not is_known_domicile then 'unknown_commune'
            when date_naissance_statut <> 'ok' then 'invalid_birth_date'
            when sexe is null then 'invalid_sex'
            when premier_prenom is null then 'missing_first_name'
            when not is_scdl_prenom then 'invalid_first_name'
        end as failed_check,
        case
            when parse_error is not null then parse_error_detail
            when numero_acte is null then 'no act number on the line'
            when not is_known_lieu
                then 'commune of registration not in the communes seed: '
                    || coalesce(code_insee_lieu_naissance, '(empty)')
            when not is_known_domicile
                then 'commune of residence not in the communes seed: '
                    || coalesce(code_insee_domicile, '(empty)')
            when date_naissance_statut <> 'ok' then 'birth date ' || date_naissance_statut
            when sexe is null then 'unknown sex code: ' || coalesce(sexe_code_source, '(empty)')
            when premier_prenom is null then 'no given name on the line'
            when not is_scdl_prenom
                then 'first given name outside the SCDL pattern: ' || premier_prenom
        end as failed_check_detail
    from checked
),

ranked as (
    select
        *,
        -- acts are unique per commune of registration: the first one received
        -- (file name, then line) is kept, later copies are duplicates
        row_number() over (
            partition by failed_check is null, code_insee_lieu_naissance, numero_acte
            order by source_file, line_number
        ) as occurrence,
        first_value(source_file || ':' || line_number) over (
            partition by failed_check is null, code_insee_lieu_naissance, numero_acte
            order by source_file, line_number
        ) as first_occurrence
    from failed_checks
)

select
    source_format,
    source_file,
    line_number,
    numero_acte,
    code_insee_lieu_naissance,
    code_insee_domicile,
    annee_naissance,
    mois_naissance,
    sexe,
    premier_prenom,
    nombre_prenoms,
    enfant_id,
    coalesce(
        failed_check, case when occurrence > 1 then 'duplicate_act' end
    ) as rejection_reason,
    coalesce(
        failed_check_detail,
        case when occurrence > 1 then 'act already received at ' || first_occurrence end
    ) as rejection_detail
from ranked
