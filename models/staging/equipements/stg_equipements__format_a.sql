{%- set fmt = source_format('equipements', 'format_a') -%}

with

-- {column of the model: column of the file's header}; Lambert-93 coordinates
parsed as (
    {{ parse_delimited_extract(source('equipements_raw', 'format_a'), fmt, {
            'equipement_id': 'identifiant',
            'nom': 'nom',
            'libelle_type': 'type',
            'adresse': 'adresse',
            'code_postal': 'code_postal',
            'coord_x': 'x_l93',
            'coord_y': 'y_l93',
            'horaires': 'horaires'
        }) }}
)

{{ standardise_facility('parsed', 'format_a', fmt, single_address_column=true) }}
