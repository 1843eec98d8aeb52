{#- Every data line of every grants file, corrected where a rule is documented
    (corrections) and judged: rejection_reason is the first check it fails, or
    null for a valid, first-seen grant. The rules are listed in the docs block
    subventions_rejection_reason. -#}
with

records as (
    select * from {{ ref('int_subventions_unioned') }}
    where record_type = 'data'
),

communes as (
    select
        code_insee,
        nom,
        siren
    from {{ ref('communes') }}
),

matched as (
    select
        records.*,
        communes.code_insee,
        communes.nom as commune_nom,
        {{ siret_is_valid('records.beneficiaire_siret') }} as is_valid_siret
    from records
    left join communes
        on
            left(records.attribuant_siret, 9) = communes.siren
            and {{ siret_is_valid('records.attribuant_siret') }}
),

failed_checks as (
    select
        *,
        case
            when parse_error is not null then parse_error
            when code_insee is null then 'unknown_collectivite'
            when date_convention is null then 'invalid_convention_date'
            when not is_private_person and beneficiaire_nom is null then 'missing_beneficiary_name'
            when not is_private_person and not is_valid_siret and beneficiaire_rna is null
                then 'invalid_beneficiary_id'
            when montant is null or montant <= 0 then 'invalid_amount'
            when pourcentage is null or pourcentage not between 0.01 and 1 then 'invalid_percentage'
            when nature is null then 'invalid_nature'
            when conditions_versement is null then 'missing_payment_terms'
            when date_debut_versement is null or date_fin_versement < date_debut_versement
                then 'invalid_payment_period'
            when notification_ue is null then 'invalid_notification_ue'
        end as failed_check,
        case
            when parse_error is not null then parse_error_detail
            when code_insee is null
                then 'SIRET ' || coalesce(attribuant_siret, '(empty)') || ' is not a commune of the métropole'
            when
                date_convention is null
                then 'date of the agreement: ' || coalesce(date_convention_source, '(empty)')
            when not is_private_person and beneficiaire_nom is null then 'no beneficiary name'
            when not is_private_person and not is_valid_siret and beneficiaire_rna is null
                then 'no valid SIRET (' || case when has_siret then 'wrong key or length' else 'none' end
                    || ') and no RNA number of the form W + 9 digits ('
                    || case when has_rna then 'wrong form' else 'none' end || ')'
            when montant is null or montant <= 0 then 'amount: ' || coalesce(montant_source, '(empty)')
            when pourcentage is null or pourcentage not between 0.01 and 1
                then 'funding share: ' || coalesce(pourcentage_source, '(empty)')
            when nature is null then 'nature: ' || coalesce(nature_source, '(empty)')
            when conditions_versement is null then 'no payment terms'
            when date_debut_versement is null then 'no or unreadable start date of payment'
            when date_fin_versement < date_debut_versement
                then 'payment ends on ' || date_fin_versement::varchar
                    || ', before it starts on ' || date_debut_versement::varchar
            when notification_ue is null then 'EU notification is not oui or non'
        end as failed_check_detail
    from matched
),

ranked as (
    select
        *,
        -- the same grant sent twice: same commune, decision, beneficiary, amount and date
        row_number() over (
            partition by
                failed_check is null, is_private_person, code_insee, reference_decision,
                coalesce(beneficiaire_siret, beneficiaire_rna, beneficiaire_nom), montant, date_convention
            order by source_file, line_number
        ) as occurrence
    from failed_checks
)

select
    source_format,
    source_file,
    line_number,
    code_insee,
    commune_nom,
    attribuant_siret,
    reference_decision,
    date_convention,
    is_private_person,
    beneficiaire_nom,
    -- a wrong SIRET is dropped when the RNA number identifies the association
    case when is_valid_siret then beneficiaire_siret end as beneficiaire_siret,
    beneficiaire_rna,
    -- SCDL objet: 256 characters at most
    case when length(objet) > 256 then left(objet, 255) || '…' else objet end as objet,
    dispositif,
    montant::decimal(18, 2) as montant,
    nature,
    conditions_versement,
    date_debut_versement,
    date_fin_versement,
    notification_ue,
    pourcentage,
    array_to_string(list_filter([
        case
            when
                has_siret and not is_valid_siret and beneficiaire_rna is not null
                then 'invalid_siret_dropped'
        end,
        case when length(objet) > 256 then 'objet_truncated' end
    ], c -> c is not null), ',') as corrections,
    coalesce(
        failed_check,
        case when occurrence > 1 and not is_private_person then 'duplicate_grant' end
    ) as rejection_reason,
    coalesce(
        failed_check_detail,
        case when occurrence > 1 and not is_private_person then 'the same grant is already in the files' end
    ) as rejection_detail
from ranked
