with

validated as (
    select * from {{ ref('int_naissances_records_validated') }}
)

select
    source_format,
    source_file,
    line_number,
    rejection_reason,
    rejection_detail,
    numero_acte,
    code_insee_lieu_naissance,
    annee_naissance
from validated
where rejection_reason is not null
