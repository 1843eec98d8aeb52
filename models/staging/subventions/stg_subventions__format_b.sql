{%- set fmt = source_format('subventions', 'format_b') -%}

with

-- {column of the model: column of the file's header}; a quote in a header
-- name is written as in SQL ('')
parsed as (
    {{ parse_delimited_extract(source('subventions_raw', 'format_b'), fmt, {
            'siret_attribuant': 'SIRET collectivité',
            'reference_decision': 'N° délibération',
            'date_convention': 'Date convention',
            'beneficiaire': 'Bénéficiaire',
            'type_beneficiaire': 'Catégorie',
            'siret_beneficiaire': 'SIRET',
            'rna_beneficiaire': 'RNA',
            'objet': 'Objet',
            'montant': 'Montant',
            'nature': "Nature de l''aide",
            'conditions_versement': 'Versement',
            'date_debut_versement': 'Début versement',
            'date_fin_versement': 'Fin versement',
            'notification_ue': 'Notification UE',
            'pourcentage': '% financement',
            'dispositif': 'Dispositif'
        }) }}
)

{{ standardise_grant('parsed', 'format_b', fmt) }}
