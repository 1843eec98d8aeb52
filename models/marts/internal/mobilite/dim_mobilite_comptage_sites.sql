{#- The bike-counting points seen in the feed: their latest name and position
    (the export's "lat, lon"), the commune and infrastructure from the
    configuration seed. -#}

with

hours as (
    select * from {{ ref('fct_mobilite_comptages_heure') }}
),

sites_config as (
    select
        site_id,
        any_value(code_insee) as code_insee,
        any_value(infrastructure_type) as infrastructure_type
    from {{ ref('mobilite_canaux_comptage') }}
    group by site_id
),

sites as (
    select
        site_id,
        arg_max(nom_site, debut_utc) as nom_site,
        arg_max(latitude, debut_utc) as latitude,
        arg_max(longitude, debut_utc) as longitude
    from hours
    group by site_id
)

select
    sites.site_id,
    sites.nom_site,
    sites_config.code_insee,
    sites_config.infrastructure_type,
    sites.latitude,
    sites.longitude
from sites
left join sites_config on sites.site_id = sites_config.site_id
