{%- set fmt = source_format('naissances', 'format_b') -%}

with

-- {column of the model: column of the file's header}
parsed as (
    {{ parse_delimited_extract(source('naissances_raw', 'format_b'), fmt, {
            'numero_acte': 'n_acte',
            'code_insee_lieu_naissance': 'insee_lieu',
            'code_insee_domicile': 'insee_domicile',
            'date_naissance': 'date_nais',
            'sexe': 'sexe',
            'prenoms': 'prenoms',
            'nom': 'nom'
        }) }}
)

{{ standardise_birth_record('parsed', 'format_b', fmt) }}
