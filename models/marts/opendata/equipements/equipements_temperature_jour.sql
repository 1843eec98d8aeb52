{#- Daily temperatures of the public buildings equipped with thermometers, per
    facility (EQUIP_UID) and channel. -#}
with

temperatures as (
    select * from {{ ref('fct_equipements_temperature_jour') }}
),

facilities as (
    select * from {{ ref('dim_equipements') }}
)

select
    facilities.equip_uid::varchar as EQUIP_UID,
    facilities.nom::varchar as EQUIP_NOM,
    temperatures.jour_local::date as JOUR,
    temperatures.voie::varchar as VOIE,
    temperatures.temperature_min::decimal(5, 1) as TEMPERATURE_MIN,
    temperatures.temperature_moyenne::decimal(5, 2) as TEMPERATURE_MOYENNE,
    temperatures.temperature_max::decimal(5, 1) as TEMPERATURE_MAX,
    temperatures.nombre_mesures::integer as NOMBRE_MESURES
from temperatures
inner join facilities on temperatures.equipement_cle = facilities.equipement_cle
