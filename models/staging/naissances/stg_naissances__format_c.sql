{%- set fmt = source_format('naissances', 'format_c') -%}

with

parsed as (
    {{ parse_delimited_extract(
        source('naissances_raw', 'format_c'), fmt,
        ['numeroacte', 'communenaissance', 'datenaissance', 'sexe', 'prenoms',
         'nomfamille', 'communedomicile']
    ) }}
),

renamed as (
    select
        source_file,
        line_number,
        record_type,
        parse_error,
        parse_error_detail,
        numeroacte as numero_acte,
        communenaissance as code_insee_lieu_naissance,
        communedomicile as code_insee_domicile,
        datenaissance as date_naissance,
        sexe,
        prenoms,
        nomfamille as nom
    from parsed
)

{{ standardise_birth_record('renamed', 'format_c', fmt) }}
