{{ config(materialized='view') }}
{#- Each car-park line with its fate. A state sent twice counts once (the copy
    of the batch that landed first, as for traffic). -#}

with

lines as (
    select * from {{ ref('stg_mobilite__parkings') }}
    where record_type = 'data'
),

checked as (
    select
        *,
        case
            when parse_error is not null then parse_error
            when parking_id is null then 'parking_manquant'
            when releve_utc is null then 'horodatage_invalide'
            when etat is null or etat not in ('OUVERT', 'FERME', 'COMPLET') then 'etat_inconnu'
            when capacite is null or capacite <= 0 then 'capacite_invalide'
            when places_libres is null then 'places_invalides'
            when places_libres < 0 or places_libres > capacite then 'places_hors_plage'
        end as motif_controle
    from lines
),

ranked as (
    select
        *,
        {{ landing_rank(['parking_id', 'releve_utc']) }} as rang
    from checked
)

select
    source_file,
    line_number,
    recu_le_utc,
    charge_le,
    horodatage_source,
    releve_utc,
    fenetre_utc,
    decalage_coherent,
    parking_id,
    nom,
    etat,
    places_libres_source,
    places_libres,
    capacite,
    latitude,
    longitude,
    {{ line_fate('rang') }} as motif_rejet,
    case
        when parse_error is not null then parse_error_detail
        when motif_controle like 'places%' or motif_controle = 'capacite_invalide'
            then
                coalesce(places_libres_source, '(vide)') || ' places libres sur '
                || coalesce(capacite::varchar, '(vide)')
        when motif_controle is not null then coalesce(etat, horodatage_source, '(vide)')
        when rang > 1 then 'déjà reçu dans un lot antérieur ou plus haut dans le lot'
    end as detail_rejet,
    date_diff('minute', releve_utc, recu_le_utc) > {{ var('mobilite_retard_max_minutes') }} as en_retard
from ranked
