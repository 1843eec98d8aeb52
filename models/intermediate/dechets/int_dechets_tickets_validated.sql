{#- The ticket lines of the disposal sites, each valid or given one reason. -#}

with

lines as (
    select * from {{ ref('stg_dechets__exutoire') }}
    where record_type = 'data'
),

numbered as (
    select
        *,
        row_number() over (partition by numero_bon, exutoire order by source_file, line_number) as copy_number
    from lines
)

select
    source_file,
    line_number,
    date_service,
    vehicule,
    tournee,
    flux_tournee,
    numero_bon,
    exutoire,
    tonnage_t,
    km_realises,
    case
        when parse_error is not null then parse_error
        when date_service is null then 'invalid_service_date'
        when tonnage_t is null or tonnage_t < 0 then 'invalid_tonnage'
        when exutoire is null then 'missing_site'
        when numero_bon is null then 'missing_ticket_number'
        when copy_number > 1 then 'duplicate_ticket'
    end as rejection_reason,
    case
        when parse_error is not null then parse_error_detail
        when date_service is null then 'date: ' || coalesce(date_source, '(empty)')
        when tonnage_t is null or tonnage_t < 0 then 'tonnage: ' || coalesce(tonnage_source, '(empty)')
        when exutoire is null then 'no disposal site on the ticket'
        when numero_bon is null then 'no ticket number'
        when copy_number > 1
            then 'ticket ' || numero_bon || ' of ' || exutoire || ' already on an earlier line'
    end as rejection_detail
from numbered
