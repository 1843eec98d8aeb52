{%- set fmt = source_format('equipements', 'format_b') -%}

with

-- {column of the model: column of the file's header}; WGS84, x = longitude
parsed as (
    {{ parse_delimited_extract(source('equipements_raw', 'format_b'), fmt, {
            'equipement_id': 'ID',
            'nom': 'Libellé',
            'libelle_type': 'Catégorie',
            'numero': 'N°',
            'voie': 'Voie',
            'code_postal': 'CP',
            'coord_x': 'Longitude',
            'coord_y': 'Latitude',
            'horaires': 'Horaires'
        }) }}
)

{{ standardise_facility('parsed', 'format_b', fmt) }}
