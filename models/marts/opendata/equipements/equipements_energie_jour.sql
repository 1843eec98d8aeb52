{#- Daily energy of the public buildings equipped with a meter, per facility
    (EQUIP_UID of the SCDL équipements file). -#}
with

energy as (
    select * from {{ ref('fct_equipements_energie_jour') }}
),

facilities as (
    select * from {{ ref('dim_equipements') }}
)

select
    facilities.equip_uid::varchar as EQUIP_UID,
    facilities.nom::varchar as EQUIP_NOM,
    energy.jour_local::date as JOUR,
    energy.energie_kwh::decimal(12, 3) as ENERGIE_KWH,
    energy.nombre_releves::integer as NOMBRE_RELEVES,
    energy.releves_incomplets::boolean as RELEVES_INCOMPLETS,
    energy.remise_a_zero::boolean as REMISE_A_ZERO
from energy
inner join facilities on energy.equipement_cle = facilities.equipement_cle
where energy.energie_kwh is not null
