{{ config(materialized='view') }}
{#- The producer photo lines kept at load (the changes: see
    stg_dechets__ref_producteurs), each valid or given one reason; the
    location turned into its 200 m cell (INSPIRE grid, EPSG:3035) and the
    coordinates dropped. A producer twice in one photo with different attributes
    is ambiguous (duplicate_producer_in_photo: its version is carried that day);
    the same line twice is kept once (duplicate_line). A view, like the bins'. -#}

with

lines as (
    -- rowid: the identity of a staged line (see int_dechets_bacs_photos_validated)
    select
        rowid as line_key,
        *
    from {{ ref('stg_dechets__ref_producteurs') }}
    where record_type = 'data'
),

-- each place projected once, not once per photo
places as (
    select
        longitude,
        latitude,
        st_transform(st_point(longitude, latitude), 'EPSG:4326', 'EPSG:3035', always_xy := true) as point_3035
    from (
        select distinct
            longitude,
            latitude
        from lines
    ) as distinct_places
    where longitude between -180 and 180 and latitude between -90 and 90
),

cells as (
    select
        longitude,
        latitude,
        -- INSPIRE code of the cell: its lower-left corner in metres
        'CRS3035RES200mN' || (floor(st_y(point_3035) / 200) * 200)::bigint::varchar
        || 'E' || (floor(st_x(point_3035) / 200) * 200)::bigint::varchar as carreau_200m
    from places
),

repeated_lines as (
    {# a late photo's lines repeat the keys of the photo of its day: not compared #}
    {{ photo_repeats(
        "(select * from lines where line_issue is distinct from 'late_photo')", 'code_producteur',
        ['code_insee', 'type_producteur', 'activite', 'longitude', 'latitude']) }}
),

checked as (
    select
        lines.*,
        cells.carreau_200m,
        repeated_lines.lines_of_key as lines_of_producer,
        coalesce(repeated_lines.variants > 1, false) as is_ambiguous,
        coalesce(repeated_lines.copy_number, 1) as copy_number
    from lines
    left join cells on lines.longitude = cells.longitude and lines.latitude = cells.latitude
    left join repeated_lines on lines.line_key = repeated_lines.line_key
)

select
    source_file,
    line_number,
    date_photo,
    code_producteur,
    code_insee,
    type_producteur,
    activite,
    carreau_200m,
    case
        when line_issue is not null then line_issue
        when is_ambiguous then 'duplicate_producer_in_photo'
        when copy_number > 1 then 'duplicate_line'
    end as rejection_reason,
    case
        when parse_error is not null then parse_error_detail
        when line_issue = 'late_photo'
            then 'photo not newer than the last one loaded: taken by the next full refresh'
        when line_issue = 'unknown_commune' then 'commune: ' || coalesce(code_insee, '(empty)')
        when is_ambiguous
            then 'producer is '
                || lines_of_producer::varchar
                || ' times in the photo, with different attributes'
        when line_issue = 'invalid_photo_date' then 'no photo date in the line nor in the file name'
        when line_issue = 'missing_producer' then 'no producer code'
        when copy_number > 1 then 'the same line is already in the photo'
    end as rejection_detail
from checked
