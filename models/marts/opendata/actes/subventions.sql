{#- SCDL subventions 2.1.1, exactly its columns in its order: the grants of the
    43 communes to legal persons (identified by SIRET or RNA). Grants to private
    persons are counted in subventions_personnes_physiques instead. -#}
with

grants as (
    select * from {{ ref('fct_subventions') }}
    where not is_private_person
)

select
    commune_nom::varchar as nomAttribuant,
    attribuant_siret::varchar as idAttribuant,
    date_convention::date as dateConvention,
    reference_decision::varchar as referenceDecision,
    beneficiaire_nom::varchar as nomBeneficiaire,
    beneficiaire_siret::varchar as idBeneficiaire,
    beneficiaire_rna::varchar as rnaBeneficiaire,
    objet::varchar as objet,
    montant::decimal(18, 2) as montant,
    nature::varchar as nature,
    conditions_versement::varchar as conditionsVersement,
    (
        strftime(date_debut_versement, '%Y-%m-%d')
        || coalesce('/' || strftime(date_fin_versement, '%Y-%m-%d'), '')
    )::varchar as datesPeriodeVersement,
    null::varchar as idRAE,
    -- the schema's true and false values
    (case when notification_ue then 'oui' else 'non' end)::varchar as notificationUE,
    pourcentage::decimal(9, 4) as pourcentageSubvention,
    dispositif::varchar as dispositifAide
from grants
