{%- set fmt = source_format('subventions', 'format_a') -%}

with

-- {column of the model: column of the file's header}
parsed as (
    {{ parse_delimited_extract(source('subventions_raw', 'format_a'), fmt, {
            'siret_attribuant': 'siret_attribuant',
            'reference_decision': 'reference_deliberation',
            'date_convention': 'date_convention',
            'beneficiaire': 'beneficiaire',
            'type_beneficiaire': 'type_beneficiaire',
            'siret_beneficiaire': 'siret_beneficiaire',
            'rna_beneficiaire': 'rna_beneficiaire',
            'objet': 'objet',
            'montant': 'montant',
            'nature': 'nature',
            'conditions_versement': 'conditions_versement',
            'date_debut_versement': 'date_debut_versement',
            'date_fin_versement': 'date_fin_versement',
            'notification_ue': 'notification_ue',
            'pourcentage': 'taux_financement',
            'dispositif': 'dispositif'
        }) }}
)

{{ standardise_grant('parsed', 'format_a', fmt) }}
