{#- The bike-counting points, exactly SCDL comptage des mobilités 0.2.4 (site). -#}

with

sites as (
    select * from {{ ref('dim_mobilite_comptage_sites') }}
)

select
    site_id::varchar as site_id,
    null::varchar as parent_site_id,
    nom_site::varchar as site_name,
    code_insee::varchar as fr_insee_code,
    round(longitude, 6)::double as xlong,
    round(latitude, 6)::double as ylat,
    null::varchar as external_ids,
    infrastructure_type::varchar as infrastructure_type
from sites
