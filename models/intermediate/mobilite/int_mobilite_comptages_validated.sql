{{ config(materialized='view') }}
{#- Each bike-count line with its fate. An hour of a channel sent twice counts
    once (the copy of the batch that landed first, as for traffic). A channel
    (point × direction code) that the configuration seed mobilite_canaux_comptage
    does not list is rejected as canal_non_configure, naming the channel: it is
    never published as if it were configured. -#}

with

lines as (
    select * from {{ ref('stg_mobilite__compteurs') }}
    where record_type = 'data'
),

channels_config as (
    select
        site_id,
        sens
    from {{ ref('mobilite_canaux_comptage') }}
),

checked as (
    select
        lines.*,
        case
            when lines.parse_error is not null then lines.parse_error
            when lines.site_id is null or lines.sens is null then 'canal_manquant'
            when channels_config.site_id is null then 'canal_non_configure'
            when lines.debut_utc is null then 'horodatage_invalide'
            when lines.comptage is null then 'comptage_invalide'
            when lines.comptage < 0 then 'comptage_negatif'
        end as motif_controle
    from lines
    left join channels_config
        on lines.site_id = channels_config.site_id and lines.sens = channels_config.sens
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
        when motif_controle = 'canal_non_configure'
            then 'canal ' || canal_id || ' (point ' || site_id || ', sens ' || sens
                || ') absent de la configuration mobilite_canaux_comptage'
        when motif_controle like 'comptage%' then 'comptage ' || coalesce(comptage_source, '(vide)')
        when motif_controle is not null then coalesce(horodatage_source, '(vide)')
        when rang > 1 then 'déjà reçu dans un lot antérieur ou plus haut dans le lot'
    end as detail_rejet,
    date_diff('minute', debut_utc + interval 1 hour, recu_le_utc) > {{ var('mobilite_retard_max_minutes') }}
        as en_retard
from ranked
