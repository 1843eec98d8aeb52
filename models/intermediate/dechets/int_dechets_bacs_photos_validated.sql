{{ config(materialized='view') }}
{#- The lines of the bin photos, each valid or given one reason. A chip twice in
    one photo with different attributes is ambiguous: its lines are rejected
    (duplicate_chip_in_photo) and the bin's version is carried over that day;
    the same line twice is kept once (duplicate_line). A view: the photos are
    read once, by the versions. -#}

with

lines as (
    -- rowid: the identity of a staged line (lines read by the CSV reader have
    -- no line number; two identical lines must still be told apart)
    select
        rowid as line_key,
        *
    from {{ ref('stg_dechets__ref_bacs') }}
    where record_type = 'data'
),

flux as (
    select * from {{ ref('dechets_flux') }}
),

-- the flow of each category written (compared once per label, not per line)
categories as (
    select
        written.categorie_recipient,
        flux.flux
    from (select distinct categorie_recipient from lines) as written
    inner join flux
        on {{ comparable_label('written.categorie_recipient') }}
            = {{ comparable_label('flux.categorie_recipient') }}
),

-- chips more than once in a photo
repeated_lines as (
    {{ photo_repeats('lines', 'code_puce',
        ['code_producteur', 'categorie_recipient', 'type_recipient', 'litrage']) }}
),

checked as (
    select
        lines.*,
        categories.flux,
        repeated_lines.lines_of_key as lines_of_chip,
        coalesce(repeated_lines.variants > 1, false) as is_ambiguous,
        coalesce(repeated_lines.copy_number, 1) as copy_number
    from lines
    left join categories on lines.categorie_recipient = categories.categorie_recipient
    left join repeated_lines on lines.line_key = repeated_lines.line_key
)

select
    source_file,
    line_number,
    date_photo,
    code_puce,
    code_producteur,
    categorie_recipient,
    type_recipient,
    litrage,
    flux,
    case
        when parse_error is not null then parse_error
        when date_photo is null then 'invalid_photo_date'
        when code_puce is null then 'missing_chip'
        when not regexp_full_match(code_puce, '[0-9A-F]{8,16}') then 'invalid_chip'
        when code_producteur is null then 'missing_producer'
        when litrage is null or litrage <= 0 then 'invalid_volume'
        when is_ambiguous then 'duplicate_chip_in_photo'
        when copy_number > 1 then 'duplicate_line'
    end as rejection_reason,
    case
        when parse_error is not null then parse_error_detail
        when is_ambiguous
            then 'chip '
                || code_puce
                || ' is '
                || lines_of_chip::varchar
                || ' times in the photo, with different attributes'
        when rejection_reason = 'invalid_volume' then 'volume: ' || coalesce(litrage_source, '(empty)')
    end as rejection_detail
from checked
