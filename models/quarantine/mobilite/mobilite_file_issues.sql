{{ config(materialized='view') }}
{#- One row per batch file of the real-time feeds with a problem: its header's
    parse error, no record in it, or no landing time in its name. -#}

with

lines as (
    select
        flux as source_format,
        source_file,
        record_type,
        parse_error,
        parse_error_detail,
        recu_le_utc
    from {{ ref('int_mobilite_lignes_unioned') }}
),

files as (
    {{ files_checked('lines', 'record') }}
),

unstamped as (
    select distinct
        source_format,
        source_file
    from lines
    where recu_le_utc is null
)

select
    files.source_format,
    files.source_file,
    coalesce(files.file_issue, 'no_landing_time') as file_issue,
    coalesce(
        files.file_issue_detail,
        'no landing time (AAAAMMJJTHHMMSSZ) in the file name: its duplicates cannot be ordered'
    ) as file_issue_detail,
    files.data_lines
from files
left join unstamped
    on files.source_format = unstamped.source_format and files.source_file = unstamped.source_file
where files.file_issue is not null or unstamped.source_file is not null
