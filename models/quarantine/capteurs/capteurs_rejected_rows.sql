with

frames as (
    select * from {{ ref('int_capteurs_trames_decoded') }}
)

select
    source_file,
    line_number,
    rejection_reason,
    rejection_detail,
    deveui,
    horodatage
from frames
where rejection_reason is not null
