{#- Energy used per facility and local day, from the cumulative indexes of active
    energy drawn (nature energie_active_soutiree: EAP_s, in kWh) of its meters,
    one index per tariff period (docs block energie_depuis_index):
    - the energy between two readings of one period's index is the difference of
      the indexes; a day sums its periods;
    - a smaller index than the previous one of the same period is a reset of the
      meter: the energy since the reset is the new index (counted from zero);
    - the energy between two readings goes to the day of the later one; when a
      meter's readings (any period) are more than var('energie_max_gap_hours')
      apart (a silent meter), the day is flagged incomplete: its energy covers
      more than the day. -#}
with

indexes as (
    select * from {{ ref('fct_capteurs_mesures') }}
    where nature = 'energie_active_soutiree'
),

steps as (
    select
        equipement_cle,
        deveui,
        jour_local,
        horodatage_utc,
        valeur,
        -- the same period's index: it only moves while its period is on
        lag(valeur) over (partition by deveui, mesure order by horodatage_utc) as valeur_precedente,
        -- the meter's previous reading, any period: a silence is the meter's
        lag(horodatage_utc) over (partition by deveui order by horodatage_utc) as horodatage_precedent
    from indexes
),

deltas as (
    select
        *,
        case
            when valeur_precedente is null then null
            when valeur >= valeur_precedente then valeur - valeur_precedente
            else valeur
        end as energie_kwh,
        valeur < valeur_precedente as is_reset,
        horodatage_utc - horodatage_precedent > interval '{{ var("energie_max_gap_hours") }} hours' as is_gap
    from steps
)

select
    equipement_cle,
    jour_local,
    round(sum(energie_kwh), 3) as energie_kwh,
    count(*) as nombre_releves,
    count(distinct deveui) as nombre_compteurs,
    coalesce(bool_or(is_reset), false) as remise_a_zero,
    coalesce(bool_or(is_gap), false) or count(energie_kwh) < count(*) as releves_incomplets
from deltas
group by equipement_cle, jour_local
