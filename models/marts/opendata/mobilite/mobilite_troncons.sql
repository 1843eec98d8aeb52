{#- The road segments of the traffic feed with their name and geometry, so that
    speeds can be drawn on a map. -#}

with

segments as (
    select * from {{ ref('dim_mobilite_troncons') }}
)

select
    troncon_id::varchar as TRONCON_ID,
    nom::varchar as NOM,
    hierarchie::varchar as HIERARCHIE,
    longueur_m::integer as LONGUEUR_M,
    geometrie::varchar as GEOMETRIE
from segments
