{%- set fmt = source_format('deliberations', 'format_a') -%}

with

-- {column of the model: column of the file's header}
parsed as (
    {{ parse_delimited_extract(source('deliberations_raw', 'format_a'), fmt, {
            'siret_collectivite': 'siret_collectivite',
            'numero_deliberation': 'numero_deliberation',
            'date_deliberation': 'date_seance',
            'matiere_code': 'code_matiere',
            'matiere_libelle': 'libelle_matiere',
            'objet': 'objet',
            'vote_effectif': 'membres_en_exercice',
            'vote_reel': 'presents_representes',
            'vote_pour': 'votes_pour',
            'vote_contre': 'votes_contre',
            'vote_abstention': 'abstentions',
            'prefecture_date': 'date_transmission_prefecture',
            'prefecture_id': 'identifiant_prefecture',
            'url': 'url_document'
        }) }}
)

{{ standardise_deliberation('parsed', 'format_a', fmt) }}
