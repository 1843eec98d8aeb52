{%- set fmt = source_format('adresses', 'ban') -%}

with

parsed as (
    {{ parse_delimited_extract(source('adresses_raw', 'ban'), fmt, {
            'adresse_id': 'id',
            'code_insee': 'code_insee',
            'numero': 'numero',
            'nom_voie': 'nom_voie',
            'lon': 'lon',
            'lat': 'lat'
        }) }}
)

select
    source_file,
    line_number,
    adresse_id,
    code_insee,
    numero,
    nom_voie,
    {{ comparable_label('nom_voie') }} as voie_cle,
    try_cast(lon as double) as lon,
    try_cast(lat as double) as lat
from parsed
where record_type = 'data' and parse_error is null
