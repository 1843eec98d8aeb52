{%- set fmt = source_format('naissances', 'format_c') -%}

with

-- {column of the model: column of the file's header}
parsed as (
    {{ parse_delimited_extract(source('naissances_raw', 'format_c'), fmt, {
            'numero_acte': 'numeroacte',
            'code_insee_lieu_naissance': 'communenaissance',
            'code_insee_domicile': 'communedomicile',
            'date_naissance': 'datenaissance',
            'sexe': 'sexe',
            'prenoms': 'prenoms',
            'nom': 'nomfamille'
        }) }}
)

{{ standardise_birth_record('parsed', 'format_c', fmt) }}
