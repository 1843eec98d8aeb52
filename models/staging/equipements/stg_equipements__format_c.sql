{%- set fmt = source_format('equipements', 'format_c') -%}

with

-- {column of the model: column of the sheet's header row}; no coordinates: the
-- address is geocoded in intermediate
parsed as (
    {{ parse_workbook_extract(source('equipements_raw', 'format_c'), fmt, {
            'equipement_id': 'Identifiant',
            'nom': 'Nom',
            'libelle_type': 'Type',
            'numero': 'Numéro',
            'voie': 'Voie',
            'code_postal': 'Code postal',
            'horaires': 'Horaires'
        }) }}
)

{{ standardise_facility('parsed', 'format_c', fmt) }}
