{#- Tonnage brought to each disposal site per month and flow, from the weighing
    tickets. -#}

with

tickets as (
    select * from {{ ref('fct_dechets_tickets') }}
)

select
    exutoire::varchar as EXUTOIRE,
    year(date_service)::integer as ANNEE,
    month(date_service)::integer as MOIS,
    flux_tournee::varchar as FLUX,
    round(sum(tonnage_t), 3)::decimal(12, 3) as TONNAGE_T,
    count(*)::bigint as NB_TICKETS
from tickets
group by exutoire, year(date_service), month(date_service), flux_tournee
