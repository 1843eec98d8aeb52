{#- Every line of the operator's files that is not used, with its reason:
    lifts, bin and producer photo lines, tickets. A lift line read by the fast
    CSV reader has no line number: its chip and time identify it. -#}

with

lifts as (
    select * from {{ ref('int_dechets_levees_validated') }}
    where rejection_reason is not null
),

lifts_without_flow as (
    select * from {{ ref('int_dechets_levees_enriched') }}
    where flux is null
),

bins as (
    select * from {{ ref('int_dechets_bacs_photos_validated') }}
    where rejection_reason is not null
),

producers as (
    select * from {{ ref('int_dechets_producteurs_photos_validated') }}
    where rejection_reason is not null
),

tickets as (
    select * from {{ ref('int_dechets_tickets_validated') }}
    where rejection_reason is not null
)

select
    'levees' as source_format,
    source_file,
    line_number,
    rejection_reason,
    rejection_detail,
    jour_levee as jour,
    code_puce as cle
from lifts
union all
select
    'levees' as source_format,
    source_file,
    line_number,
    'unknown_flow' as rejection_reason,
    'no flow for the bin nor the round ' || coalesce(tournee, '(empty)') as rejection_detail,
    jour_levee as jour,
    bac_id as cle
from lifts_without_flow
union all
select
    'ref_bac' as source_format,
    source_file,
    line_number,
    rejection_reason,
    rejection_detail,
    date_photo as jour,
    code_puce as cle
from bins
union all
select
    'ref_producteur' as source_format,
    source_file,
    line_number,
    rejection_reason,
    rejection_detail,
    date_photo as jour,
    code_producteur as cle
from producers
union all
select
    'exutoire' as source_format,
    source_file,
    line_number,
    rejection_reason,
    rejection_detail,
    date_service as jour,
    numero_bon as cle
from tickets
