{{ config(materialized='view') }}
{#- Each bike-count line with its fate. An hour of a channel sent twice counts
    once (the copy of the batch that landed first, as for traffic). -#}

with

lines as (
    select * from {{ ref('stg_mobilite__compteurs') }}
    where record_type = 'data'
),

checked as (
    select
        *,
        case
            when parse_error is not null then parse_error
            when site_id is null or sens is null then 'canal_manquant'
            when debut_utc is null then 'horodatage_invalide'
            when comptage is null then 'comptage_invalide'
            when comptage < 0 then 'comptage_negatif'
        end as motif_controle
    from lines
),

ranked as (
    select
        *,
        {{ landing_rank(['canal_id', 'debut_utc']) }} as rang
    from checked
)

select
    source_file,
    line_number,
    recu_le_utc,
    charge_le,
    horodatage_source,
    iso_date_source,
    debut_utc,
    fenetre_utc,
    decalage_coherent,
    canal_id,
    site_id,
    sens,
    compteur_id,
    nom_site,
    comptage_source,
    comptage,
    statut,
    latitude,
    longitude,
    {{ line_fate('rang') }} as motif_rejet,
    case
        when parse_error is not null then parse_error_detail
        when motif_controle like 'comptage%' then 'comptage ' || coalesce(comptage_source, '(vide)')
        when motif_controle is not null then coalesce(horodatage_source, '(vide)')
        when rang > 1 then 'déjà reçu dans un lot antérieur ou plus haut dans le lot'
    end as detail_rejet,
    date_diff('minute', debut_utc + interval 1 hour, recu_le_utc) > {{ var('mobilite_retard_max_minutes') }}
        as en_retard
from ranked
