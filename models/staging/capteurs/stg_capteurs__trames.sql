{#- One row per line of the daily uplink files: the frame's envelope read from its
    JSON (sensor, time, payload, the network server's decoded `data`), or
    parse_error invalid_json. The measures are read in intermediate, as the seed
    capteurs_mesures says for the kind of sensor. -#}
with

files as (
    select
        filename as source_file,
        -- a file that is not UTF-8 still gives its lines (then invalid_json); a
        -- binary file (NUL bytes) gives one line that says so: never lost
        coalesce(spmd_decode(content, 'utf-8'), spmd_decode(content, 'latin-1')) as file_text
    from {{ source('capteurs_raw', 'trames') }}
),

split_files as (
    select
        source_file,
        case
            when file_text is null then [null::varchar]
            else string_split(rtrim(file_text, chr(10)), chr(10))
        end as file_lines
    from files
),

raw_lines as (
    select
        source_file,
        unnest(file_lines) as line_text,
        generate_subscripts(file_lines, 1) as line_number
    from split_files
)

select
    source_file,
    line_number,
    case
        when line_text is null then 'unreadable_file'
        when not json_valid(line_text) then 'invalid_json'
    end as parse_error,
    case when json_valid(line_text) then lower(line_text::json ->> 'deveui') end as deveui,
    case when json_valid(line_text) then try_cast(line_text::json ->> 'timestamp' as timestamptz) end
        as horodatage,
    case when json_valid(line_text) then line_text::json ->> 'timestamp' end as horodatage_source,
    case when json_valid(line_text) then lower(line_text::json ->> 'payload_deciphered') end as payload,
    case when json_valid(line_text) then line_text::json -> 'data' ->> 'type' end as type_declare,
    case when json_valid(line_text) then line_text::json -> 'data' end as donnees
from raw_lines
where line_text is null or trim(line_text) <> ''
