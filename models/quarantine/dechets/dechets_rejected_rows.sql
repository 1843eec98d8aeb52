{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='lot_recalcul'
) }}
{#- Every line of the operator's files that is not used, with its reason:
    lifts, bin and producer photo lines, tickets. A lift line read by the fast
    CSV reader has no line number: its chip and time identify it.

    Incremental: a run recomputes whole the days of the lift lines loaded since
    the last run (a duplicate is found within its day, so a late file can change
    an older file's lines of that day), the files of the new lift lines without
    a day, and all the photo and ticket lines (the photos kept at load and the
    tickets are small). lot_recalcul says which unit a row belongs to. -#}
-- depends_on: {{ ref('stg_dechets__levees') }}
{% set new_days, new_files = [], [] -%}
{%- if is_incremental() and execute -%}
    {#- the watermark: the latest load seen by a lift row of the quarantine (a
        run that rejected nothing leaves it older: its days are done again) -#}
    {%- set watermark = load_watermark("source_format = 'levees'") -%}
    {%- set loaded -%}
        select distinct
            strftime(jour_levee, '%Y-%m-%d') as jour,
            case when jour_levee is null then source_file end as fichier
        from {{ ref('stg_dechets__levees') }}
        where record_type = 'data' and charge_le > '{{ watermark }}'::timestamp
    {%- endset -%}
    {%- for row in run_query(loaded) -%}
        {%- if row[0] is not none -%}
            {%- do new_days.append(row[0]) -%}
        {%- else -%}
            {%- do new_files.append(row[1]) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif -%}
{%- set day_list = sql_constants(new_days, 'date') -%}
{%- set file_list = sql_constants(new_files) %}

with

validated_lifts as (
    {%- if is_incremental() %}
        -- the days as constants: the filter reaches below the duplicate check's window
        select * from {{ ref('int_dechets_levees_validated') }}
        where jour_levee in ({{ day_list }})
        union all
        select * from {{ ref('int_dechets_levees_validated') }}
        where jour_levee is null and source_file in ({{ file_list }})
    {%- else %}
        select * from {{ ref('int_dechets_levees_validated') }}
    {%- endif %}
),

lifts as (
    select * from validated_lifts
    where rejection_reason is not null
),

lifts_without_flow as (
    {%- if is_incremental() %}
        select * from {{ ref('int_dechets_levees_enriched') }}
        where flux is null and jour_levee in ({{ day_list }})
    {%- else %}
        select * from {{ ref('int_dechets_levees_enriched') }}
        where flux is null
    {%- endif %}
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
    code_puce as cle,
    charge_le,
    'levees:' || coalesce(strftime(jour_levee, '%Y-%m-%d'), source_file) as lot_recalcul
from lifts
union all
select
    'levees' as source_format,
    source_file,
    line_number,
    'unknown_flow' as rejection_reason,
    'no flow for the bin nor the round ' || coalesce(tournee, '(empty)') as rejection_detail,
    jour_levee as jour,
    bac_id as cle,
    charge_le,
    'levees:' || strftime(jour_levee, '%Y-%m-%d') as lot_recalcul
from lifts_without_flow
union all
select
    'ref_bac' as source_format,
    source_file,
    line_number,
    rejection_reason,
    rejection_detail,
    date_photo as jour,
    code_puce as cle,
    null::timestamp as charge_le,
    'ref_bac' as lot_recalcul
from bins
union all
select
    'ref_producteur' as source_format,
    source_file,
    line_number,
    rejection_reason,
    rejection_detail,
    date_photo as jour,
    code_producteur as cle,
    null::timestamp as charge_le,
    'ref_producteur' as lot_recalcul
from producers
union all
select
    'exutoire' as source_format,
    source_file,
    line_number,
    rejection_reason,
    rejection_detail,
    date_service as jour,
    numero_bon as cle,
    null::timestamp as charge_le,
    'exutoire' as lot_recalcul
from tickets
