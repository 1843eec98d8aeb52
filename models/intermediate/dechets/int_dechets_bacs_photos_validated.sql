{{ config(materialized='view') }}
{#- The bin photo lines kept at load (the changes: see stg_dechets__ref_bacs),
    each valid or given one reason: its own defect (found at load), else a chip
    twice in one photo with different attributes is ambiguous: its lines are
    rejected (duplicate_chip_in_photo) and the bin's version is carried over
    that day; the same line twice is kept once (duplicate_line). A key listed
    twice in a photo has all its lines of that photo kept at load. -#}

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
    {# a late photo's lines repeat the keys of the photo of its day: not compared #}
    {{ photo_repeats(
        "(select * from lines where line_issue is distinct from 'late_photo')", 'code_puce',
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
        when line_issue is not null then line_issue
        when is_ambiguous then 'duplicate_chip_in_photo'
        when copy_number > 1 then 'duplicate_line'
    end as rejection_reason,
    case
        when parse_error is not null then parse_error_detail
        when line_issue = 'late_photo'
            then 'photo not newer than the last one loaded: taken by the next full refresh'
        when is_ambiguous
            then 'chip '
                || code_puce
                || ' is '
                || lines_of_chip::varchar
                || ' times in the photo, with different attributes'
        when rejection_reason = 'invalid_volume' then 'volume: ' || coalesce(litrage_source, '(empty)')
        when line_issue = 'missing_chip' then 'no chip code'
        when line_issue = 'invalid_chip' then 'chip code is not 8 to 16 hexadecimal digits: ' || code_puce
        when line_issue = 'invalid_photo_date' then 'no photo date in the line nor in the file name'
        when line_issue = 'missing_producer' then 'no producer code'
        when copy_number > 1 then 'the same line is already in the photo'
    end as rejection_detail
from checked
