{%- set fmt = source_format('deliberations', 'format_b') -%}

with

-- {column of the model: column of the file's header}; one column "Matière"
-- holds the code, the label or both
parsed as (
    {{ parse_delimited_extract(source('deliberations_raw', 'format_b'), fmt, {
            'siret_collectivite': 'SIRET',
            'numero_deliberation': 'N° délibération',
            'date_deliberation': 'Date du conseil',
            'matiere_code': 'Matière',
            'matiere_libelle': 'Matière',
            'objet': 'Objet',
            'vote_effectif': 'Effectif',
            'vote_reel': 'Votants',
            'vote_pour': 'Pour',
            'vote_contre': 'Contre',
            'vote_abstention': 'Abstention',
            'prefecture_date': 'Date AR préfecture',
            'prefecture_id': 'N° AR',
            'url': 'Lien'
        }) }}
)

{{ standardise_deliberation('parsed', 'format_b', fmt) }}
