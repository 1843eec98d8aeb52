{%- set fmt = source_format('naissances', 'format_a') -%}

with

parsed as (
    {{ parse_delimited_extract(
        source('naissances_raw', 'format_a'), fmt,
        ['numero_acte', 'code_insee_lieu_naissance', 'date_naissance', 'sexe',
         'prenoms', 'nom', 'code_insee_domicile']
    ) }}
),

renamed as (
    select
        source_file,
        line_number,
        record_type,
        parse_error,
        parse_error_detail,
        numero_acte,
        code_insee_lieu_naissance,
        code_insee_domicile,
        date_naissance,
        sexe,
        prenoms,
        nom
    from parsed
)

{{ standardise_birth_record('renamed', 'format_a', fmt) }}
