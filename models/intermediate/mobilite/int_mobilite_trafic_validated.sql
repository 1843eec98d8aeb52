{{ config(materialized='view') }}
{#- Each traffic line with its fate: a reason to reject it, or none. A record
    sent twice (a re-sent batch, an overlap between batches) counts once: the
    copy of the batch that landed first is kept (by landing time, then file
    name, then line), so the result does not depend on the order in which the
    batches were processed. -#}

with

lines as (
    select * from {{ ref('stg_mobilite__trafic') }}
    where record_type = 'data'
),

checked as (
    select
        *,
        case
            when parse_error is not null then parse_error
            when troncon_id is null then 'troncon_manquant'
            when mesure_utc is null then 'horodatage_invalide'
            when vitesse_kmh is null then 'vitesse_invalide'
            when vitesse_kmh < 0 or vitesse_kmh > {{ var('mobilite_vitesse_max_kmh') }}
                then 'vitesse_hors_plage'
            when statut_trafic not in ('freeFlow', 'heavy', 'congested', 'impossible', 'unknown')
                then 'statut_inconnu'
        end as motif_controle
    from lines
),

ranked as (
    select
        *,
        {{ landing_rank(['troncon_id', 'mesure_utc']) }} as rang
    from checked
)

select
    source_file,
    line_number,
    recu_le_utc,
    charge_le,
    horodatage_source,
    mesure_utc,
    fenetre_utc,
    decalage_coherent,
    troncon_id,
    vitesse_source,
    vitesse_kmh,
    temps_parcours_s,
    fiabilite,
    statut_trafic,
    {{ line_fate('rang') }} as motif_rejet,
    case
        when parse_error is not null then parse_error_detail
        when motif_controle like 'vitesse%' then 'vitesse ' || coalesce(vitesse_source, '(vide)') || ' km/h'
        when motif_controle is not null then coalesce(statut_trafic, horodatage_source, '(vide)')
        when rang > 1 then 'déjà reçu dans un lot antérieur ou plus haut dans le lot'
    end as detail_rejet,
    date_diff('minute', mesure_utc + interval 1 minute, recu_le_utc)
    > {{ var('mobilite_retard_max_minutes') }} as en_retard
from ranked
