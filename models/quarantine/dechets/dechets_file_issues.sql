with

files as (
    select * from {{ ref('int_dechets_files_checked') }}
)

select
    source_format,
    source_file,
    file_issue,
    file_issue_detail,
    data_lines
from files
where file_issue is not null
