{#- Occupancy per car park and 15 minutes. -#}

with

windows as (
    select * from {{ ref('fct_mobilite_parkings_15min') }}
),

car_parks as (
    select * from {{ ref('fct_mobilite_parkings_dernier_etat') }}
)

select
    windows.parking_id::varchar as PARKING_ID,
    car_parks.nom::varchar as NOM,
    ({{ local_iso8601('windows.debut_utc') }})::varchar as DEBUT,
    ({{ utc_iso8601('windows.debut_utc') }})::varchar as DEBUT_UTC,
    windows.jour_local::date as JOUR,
    windows.capacite::integer as CAPACITE,
    windows.taux_occupation::decimal(5, 4) as TAUX_OCCUPATION,
    windows.places_libres_min::integer as PLACES_LIBRES_MIN,
    windows.part_complet::decimal(5, 4) as PART_COMPLET,
    windows.dernier_etat::varchar as DERNIER_ETAT,
    round(car_parks.latitude, 6)::double as LATITUDE,
    round(car_parks.longitude, 6)::double as LONGITUDE
from windows
inner join car_parks on windows.parking_id = car_parks.parking_id
