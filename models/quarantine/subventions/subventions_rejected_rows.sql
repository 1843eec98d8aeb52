with

validated as (
    select * from {{ ref('int_subventions_validated') }}
)

select
    source_format,
    source_file,
    line_number,
    rejection_reason,
    rejection_detail,
    code_insee,
    reference_decision,
    date_convention
from validated
where rejection_reason is not null
