with

validated as (
    select * from {{ ref('int_deliberations_validated') }}
)

select
    source_format,
    source_file,
    line_number,
    rejection_reason,
    rejection_detail,
    code_insee,
    delib_id,
    delib_date
from validated
where rejection_reason is not null
