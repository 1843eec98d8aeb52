{{ config(materialized='incremental', incremental_strategy='append') }}
{#- One row per line of the daily photos of the bins. Appends the photos not
    loaded yet. -#}
{%- set fmt = source_format('dechets', 'ref_bac') -%}

with

parsed as (
    {{ read_large_delimited_extract(source('dechets_raw', 'ref_bac'), fmt, {
            'code_producteur': 'code_producteur',
            'categorie_recipient': 'categorie_recipient',
            'type_recipient': 'type_recipient',
            'litrage_source': 'litrage_recipient',
            'code_puce': 'code_puce',
            'frequence_om': 'frequence_om',
            'frequence_cs': 'frequence_cs',
            'date_photo_source': 'date_photo'
        }) }}
)

select
    source_file,
    line_number,
    record_type,
    parse_error,
    parse_error_detail,
    -- the photo's date: the column, else the one in the file name
    {{ photo_date('date_photo_source', fmt) }} as date_photo,
    upper(code_puce) as code_puce,
    code_producteur,
    categorie_recipient,
    type_recipient,
    litrage_source,
    try_cast(try_cast(litrage_source as double) as integer) as litrage,
    try_cast(frequence_om as double) as frequence_om,
    try_cast(frequence_cs as double) as frequence_cs
from parsed
