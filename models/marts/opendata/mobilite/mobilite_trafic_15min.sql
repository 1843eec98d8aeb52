{#- Speeds per road segment and 15 minutes, the dashboard's and the open-data
    portal's traffic file. -#}

with

windows as (
    select * from {{ ref('fct_mobilite_trafic_15min') }}
)

select
    troncon_id::varchar as TRONCON_ID,
    ({{ local_iso8601('debut_utc') }})::varchar as DEBUT,
    ({{ utc_iso8601('debut_utc') }})::varchar as DEBUT_UTC,
    jour_local::date as JOUR,
    nb_valeurs::integer as NB_VALEURS,
    vitesse_min::integer as VITESSE_MIN,
    vitesse_moyenne::decimal(7, 2) as VITESSE_MOYENNE,
    vitesse_max::integer as VITESSE_MAX,
    vitesse_ecart_type::decimal(8, 3) as VITESSE_ECART_TYPE,
    fiabilite_moyenne::decimal(7, 2) as FIABILITE_MOYENNE,
    part_fluide::decimal(5, 4) as PART_FLUIDE,
    part_dense::decimal(5, 4) as PART_DENSE,
    part_sature::decimal(5, 4) as PART_SATURE,
    part_autre::decimal(5, 4) as PART_AUTRE
from windows
