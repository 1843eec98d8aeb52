{#- Nothing lost, nothing counted twice, per lift file: its lines equal its lifts
    in fct_dechets_levees plus its quarantined lines (the fact's incremental
    days, the flow filter and the quarantine must agree). Returns the files that
    do not reconcile. The photo lines are valid or rejected by one view, whose
    rejected lines are the quarantine's: pytest test_dechets.py counts the raw
    lines of every file from its bytes against the staged lines. -#}
with

-- a file's data lines as staged (int_dechets_levees_validated holds each of them,
-- valid or with its reason; read from the file check, a table, not that view)
lift_lines as (
    select
        source_file,
        data_lines as read_lines
    from {{ ref('int_dechets_files_checked') }}
    where source_format = 'levees' and source_file is not null
),

lifts_kept as (
    select
        source_file,
        count(*) as kept
    from {{ ref('fct_dechets_levees') }}
    group by source_file
),

quarantined as (
    select
        source_format,
        source_file,
        count(*) as rejected
    from {{ ref('dechets_rejected_rows') }}
    group by source_format, source_file
),

files as (
    select
        'levees' as source_format,
        lift_lines.source_file,
        lift_lines.read_lines,
        coalesce(lifts_kept.kept, 0) as kept
    from lift_lines
    left join lifts_kept on lift_lines.source_file = lifts_kept.source_file
)

select
    files.source_format,
    files.source_file,
    files.read_lines,
    files.kept,
    coalesce(quarantined.rejected, 0) as rejected
from files
left join quarantined
    on files.source_format = quarantined.source_format and files.source_file = quarantined.source_file
where files.read_lines <> files.kept + coalesce(quarantined.rejected, 0)
