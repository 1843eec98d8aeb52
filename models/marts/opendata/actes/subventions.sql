{#- SCDL subventions 2.1.1, exactly its columns in its order: the grants of the
    43 communes to legal persons (identified by SIRET or RNA). Grants to private
    persons are counted in subventions_personnes_physiques instead. -#}
with

grants as (
    select * from {{ ref('fct_subventions') }}
    where not is_private_person
)

select
    commune_nom::varchar as nomattribuant,
    attribuant_siret::varchar as idattribuant,
    date_convention::date as dateconvention,
    reference_decision::varchar as referencedecision,
    beneficiaire_nom::varchar as nombeneficiaire,
    beneficiaire_siret::varchar as idbeneficiaire,
    beneficiaire_rna::varchar as rnabeneficiaire,
    objet::varchar as objet,
    montant::decimal(18, 2) as montant,
    nature::varchar as nature,
    conditions_versement::varchar as conditionsversement,
    (
        strftime(date_debut_versement, '%Y-%m-%d')
        || coalesce('/' || strftime(date_fin_versement, '%Y-%m-%d'), '')
    )::varchar as datesperiodeversement,
    null::varchar as idrae,
    -- the schema's true and false values
    (case when notification_ue then 'oui' else 'non' end)::varchar as notificationue,
    pourcentage::decimal(9, 4) as pourcentagesubvention,
    dispositif::varchar as dispositifaide
from grants
