{#- The valid grants of the métropole's communes, one row per grant, with provenance and
    corrections. Private persons are there without name or object. -#}
with

validated as (
    select * from {{ ref('int_subventions_validated') }}
)

select
    source_file,
    line_number,
    code_insee,
    commune_nom,
    attribuant_siret,
    reference_decision,
    date_convention,
    is_private_person,
    beneficiaire_nom,
    beneficiaire_siret,
    beneficiaire_rna,
    objet,
    dispositif,
    montant,
    nature,
    conditions_versement,
    date_debut_versement,
    date_fin_versement,
    notification_ue,
    pourcentage,
    corrections
from validated
where rejection_reason is null
