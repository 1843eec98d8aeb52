{#- The columns every staging model of grants ends with, from the output of
    parse_delimited_extract with the format's fields under the project's names
    (siret_attribuant, reference_decision, date_convention, beneficiaire,
    type_beneficiaire, siret_beneficiaire, rna_beneficiaire, objet, montant,
    nature, conditions_versement, date_debut_versement, date_fin_versement,
    notification_ue, pourcentage, dispositif).

    A beneficiary is a private person when the format's type column says so
    (fmt.private_person_labels) or when the line gives neither a SIRET nor an RNA
    number. A private person's name and the object (which names them) stop here
    (PRIVACY.md); other objects leave scrubbed. -#}
{% macro standardise_grant(relation, source_format_name, fmt) -%}
    select
        '{{ source_format_name }}' as source_format,
        source_file,
        line_number,
        record_type,
        parse_error,
        parse_error_detail,
        is_private_person,
        {{ normalise_siret('siret_attribuant') }} as attribuant_siret,
        reference_decision,
        {{ parse_date('date_convention', fmt.date_format) }} as date_convention,
        date_convention as date_convention_source,
        case when not is_private_person then beneficiaire end as beneficiaire_nom,
        siret_beneficiaire is not null as has_siret,
        {{ normalise_siret('siret_beneficiaire') }} as beneficiaire_siret,
        rna_beneficiaire is not null as has_rna,
        {{ normalise_rna('rna_beneficiaire') }} as beneficiaire_rna,
        case when not is_private_person then {{ scrub_free_text('objet') }} end as objet,
        coalesce(nullif(trim(dispositif), ''), 'non précisé') as dispositif,
        {{ parse_french_number('montant') }} as montant,
        montant as montant_source,
        case
            when lower(nature) like '%num%raire%' and lower(nature) like '%nature%'
                then 'aide en numéraire;aide en nature'
            when lower(nature) like '%num%raire%' then 'aide en numéraire'
            when lower(nature) like '%nature%' then 'aide en nature'
        end as nature,
        nature as nature_source,
        conditions_versement,
        {{ parse_date('date_debut_versement', fmt.date_format) }} as date_debut_versement,
        {{ parse_date('date_fin_versement', fmt.date_format) }} as date_fin_versement,
        case
            when lower(trim(notification_ue)) in ('oui', 'o', 'true', '1') then true
            when lower(trim(notification_ue)) in ('non', 'n', 'false', '0') then false
        end as notification_ue,
        {{ parse_french_number('pourcentage', percent=true) }}::decimal(9, 4) as pourcentage,
        pourcentage as pourcentage_source
    from (
        select
            *,
            record_type = 'data' and coalesce(
                lower(trim(type_beneficiaire)) in ({{ "'" ~ fmt.private_person_labels | join("', '") ~ "'" }})
                or (siret_beneficiaire is null and rna_beneficiaire is null),
                false
            ) as is_private_person
        from {{ relation }}
    ) as typed
{%- endmacro %}
