{#- The road segments of the traffic system: the valid lines of the referential,
    one per segment, geometry as GeoJSON. -#}

with

segments as (
    select * from {{ ref('int_mobilite_troncons_validated') }}
    where motif_rejet is null
)

select
    troncon_id::varchar as troncon_id,
    nom::varchar as nom,
    hierarchie::varchar as hierarchie,
    longueur_m::integer as longueur_m,
    json_object('type', 'LineString', 'coordinates', points)::varchar as geometrie
from segments
