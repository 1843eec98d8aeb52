{#- The bike-counting channels (point × direction) seen in the feed, with what
    the configuration seed adds (direction, mobility; a channel it does not list
    never reaches the hourly fact), their first and last
    hour, and whether they have gone silent: no count for more than
    var('mobilite_silence_max_heures') hours while the others still count. -#}

with

hours as (
    select * from {{ ref('fct_mobilite_comptages_heure') }}
),

channels_config as (
    select * from {{ ref('mobilite_canaux_comptage') }}
),

channels as (
    select
        canal_id,
        any_value(site_id) as site_id,
        any_value(sens) as sens,
        arg_max(compteur_id, debut_utc) as compteur_id,
        min(debut_utc) as premiere_heure_utc,
        max(fin_utc) as derniere_fin_utc
    from hours
    group by canal_id
)

select
    channels.canal_id,
    channels.site_id,
    channels.sens,
    channels.compteur_id,
    channels_config.direction,
    channels_config.libelle_direction,
    channels_config.mobility_type,
    channels.premiere_heure_utc,
    channels.derniere_fin_utc,
    date_diff('hour', channels.derniere_fin_utc, max(channels.derniere_fin_utc) over ())::integer
        as heures_sans_comptage,
    heures_sans_comptage > {{ var('mobilite_silence_max_heures') }} as silencieux
from channels
-- every counted channel is configured: the others are rejected as canal_non_configure
inner join channels_config
    on channels.site_id = channels_config.site_id and channels.sens = channels_config.sens
