{{ config(materialized='incremental', incremental_strategy='append') }}
{#- The daily photos of the bins, compacted at load (macro photo_changes): the
    lines that change something, the absences, the photo dates, and on each
    file's header row the count of its lines that repeat the previous photo.
    Appends the photos not loaded yet. -#}
{%- set fmt = source_format('dechets', 'ref_bac') -%}

{%- set columns = {
    'code_producteur': 'code_producteur',
    'categorie_recipient': 'categorie_recipient',
    'type_recipient': 'type_recipient',
    'litrage_source': 'litrage_recipient',
    'code_puce': 'code_puce',
    'frequence_om': 'frequence_om',
    'frequence_cs': 'frequence_cs',
    'date_photo_source': 'date_photo'
} -%}
with

{#- the data lines typed, with their own defect (a chip twice in a photo is
    found in intermediate) #}
{% call(rows) photo_changes(source('dechets_raw', 'ref_bac'), fmt, columns, 'code_puce', 'upper(parsed.code_puce)',
    ['code_producteur', 'categorie_recipient', 'type_recipient', 'litrage_source', 'frequence_om', 'frequence_cs'],
    ['source_file', 'line_number', 'record_type', 'parse_error', 'parse_error_detail', 'date_photo', 'code_puce',
     'code_producteur', 'categorie_recipient', 'type_recipient', 'litrage_source', 'litrage', 'frequence_om',
     'frequence_cs']) -%}
    select
        *,
        case
            when parse_error is not null then parse_error
            when date_photo is null then 'invalid_photo_date'
            when code_puce is null then 'missing_chip'
            when not regexp_full_match(code_puce, '[0-9A-F]{8,16}') then 'invalid_chip'
            when code_producteur is null then 'missing_producer'
            when litrage is null or litrage <= 0 then 'invalid_volume'
        end as line_issue
    from (
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
        from {{ rows }}
    ) as typed
{%- endcall %}
