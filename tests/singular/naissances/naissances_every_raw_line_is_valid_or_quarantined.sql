{#- Nothing lost: per raw file, the data lines read = valid births + quarantined
    rows, and no line is in both. Returns the files that do not reconcile. -#}
with

read_lines as (
    select
        source_file,
        count(*) as read_rows
    from {{ ref('int_naissances_unioned') }}
    where record_type = 'data'
    group by source_file
),

valid as (
    select
        source_file,
        count(*) as valid_rows
    from {{ ref('fct_naissances') }}
    group by source_file
),

quarantined as (
    select
        source_file,
        count(*) as quarantined_rows
    from {{ ref('naissances_rejected_rows') }}
    group by source_file
),

in_both as (
    select
        fct.source_file,
        count(*) as rows_in_both
    from {{ ref('fct_naissances') }} as fct
    inner join {{ ref('naissances_rejected_rows') }} as rejected
        on fct.source_file = rejected.source_file and fct.line_number = rejected.line_number
    group by fct.source_file
)

select
    coalesce(read_lines.source_file, valid.source_file, quarantined.source_file) as source_file,
    coalesce(read_lines.read_rows, 0) as read_rows,
    coalesce(valid.valid_rows, 0) as valid_rows,
    coalesce(quarantined.quarantined_rows, 0) as quarantined_rows,
    coalesce(in_both.rows_in_both, 0) as rows_in_both
from read_lines
full outer join valid on read_lines.source_file = valid.source_file
full outer join quarantined
    on coalesce(read_lines.source_file, valid.source_file) = quarantined.source_file
left join in_both
    on coalesce(read_lines.source_file, valid.source_file, quarantined.source_file) = in_both.source_file
where
    coalesce(read_lines.read_rows, 0)
    <> coalesce(valid.valid_rows, 0) + coalesce(quarantined.quarantined_rows, 0)
    or coalesce(in_both.rows_in_both, 0) > 0
