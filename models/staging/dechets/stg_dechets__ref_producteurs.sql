{{ config(materialized='incremental', incremental_strategy='append') }}
{#- The daily photos of the producers (households and non-household
    producers), compacted at load like the bins' (macro photo_changes). Appends
    the photos not loaded yet. The address identifier (rva_adr) stops here: the
    location is kept as coordinates, turned into a 200 m grid cell in
    intermediate. -#}
{%- set fmt = source_format('dechets', 'ref_producteur') -%}

{%- set columns = {
    'code_producteur': 'code_producteur',
    'code_insee': 'code_insee',
    'nom_commune': 'nom_commune',
    'type_producteur': 'type_producteur',
    'activite': 'activite',
    'longitude_source': 'longitude',
    'latitude_source': 'latitude',
    'date_photo_source': 'date_photo'
} -%}
with

{#- the data lines typed, with their own defect (a producer twice in a photo is
    found in intermediate) #}
{% call(rows) photo_changes(source('dechets_raw', 'ref_producteur'), fmt, columns, 'code_producteur', 'parsed.code_producteur',
    ['code_insee', 'nom_commune', 'type_producteur', 'activite', 'longitude', 'latitude'],
    ['source_file', 'line_number', 'record_type', 'parse_error', 'parse_error_detail', 'date_photo',
     'code_producteur', 'code_insee', 'nom_commune', 'type_producteur', 'activite', 'longitude', 'latitude']) -%}
    select
        typed.*,
        case
            when typed.parse_error is not null then typed.parse_error
            when typed.date_photo is null then 'invalid_photo_date'
            when typed.code_producteur is null then 'missing_producer'
            when communes.code_insee is null then 'unknown_commune'
        end as line_issue
    from (
        select
            source_file,
            line_number,
            record_type,
            parse_error,
            parse_error_detail,
            {{ photo_date('date_photo_source', fmt) }} as date_photo,
            code_producteur,
            code_insee,
            nom_commune,
            type_producteur,
            activite,
            try_cast(longitude_source as double) as longitude,
            try_cast(latitude_source as double) as latitude
        from {{ rows }}
    ) as typed
    left join {{ ref('communes') }} as communes on typed.code_insee = communes.code_insee
{%- endcall %}
