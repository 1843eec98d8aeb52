{%- set fmt = source_format('naissances', 'format_a') -%}

with

-- {column of the model: column of the file's header}
parsed as (
    {{ parse_delimited_extract(source('naissances_raw', 'format_a'), fmt, {
            'numero_acte': 'numero_acte',
            'code_insee_lieu_naissance': 'code_insee_lieu_naissance',
            'code_insee_domicile': 'code_insee_domicile',
            'date_naissance': 'date_naissance',
            'sexe': 'sexe',
            'prenoms': 'prenoms',
            'nom': 'nom'
        }) }}
)

{{ standardise_birth_record('parsed', 'format_a', fmt) }}
