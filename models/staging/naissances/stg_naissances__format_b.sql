{%- set fmt = source_format('naissances', 'format_b') -%}

with

parsed as (
    {{ parse_delimited_extract(
        source('naissances_raw', 'format_b'), fmt,
        ['n_acte', 'insee_lieu', 'date_nais', 'sexe', 'prenoms', 'nom', 'insee_domicile']
    ) }}
),

renamed as (
    select
        source_file,
        line_number,
        record_type,
        parse_error,
        parse_error_detail,
        n_acte as numero_acte,
        insee_lieu as code_insee_lieu_naissance,
        insee_domicile as code_insee_domicile,
        date_nais as date_naissance,
        sexe,
        prenoms,
        nom
    from parsed
)

{{ standardise_birth_record('renamed', 'format_b', fmt) }}
