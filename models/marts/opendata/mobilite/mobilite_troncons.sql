{#- The road segments of the traffic feed with their name and geometry (the
    referential's valid lines), so that speeds can be drawn on a map. -#}

with

segments as (
    select * from {{ ref('int_mobilite_troncons_validated') }}
    where motif_rejet is null
)

select
    troncon_id::varchar as TRONCON_ID,
    nom::varchar as NOM,
    hierarchie::varchar as HIERARCHIE,
    longueur_m::integer as LONGUEUR_M,
    json_object('type', 'LineString', 'coordinates', points)::varchar as GEOMETRIE
from segments
