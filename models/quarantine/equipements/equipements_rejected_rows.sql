with

validated as (
    select * from {{ ref('int_equipements_validated') }}
)

select
    source_format,
    source_file,
    line_number,
    rejection_reason,
    rejection_detail,
    code_insee,
    equipement_id,
    libelle_type
from validated
where rejection_reason is not null
