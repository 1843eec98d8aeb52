{#- One row per weighing ticket of a disposal site: the tonnage a truck of a
    round brought to a site on a day. -#}

with

tickets as (
    select * from {{ ref('int_dechets_tickets_validated') }}
    where rejection_reason is null
)

select
    date_service,
    exutoire,
    vehicule,
    tournee,
    flux_tournee,
    numero_bon,
    tonnage_t,
    km_realises
from tickets
