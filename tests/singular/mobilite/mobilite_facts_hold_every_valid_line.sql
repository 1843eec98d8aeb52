with

valid_windows as (
    {%- for feed, model, key in [('trafic', 'int_mobilite_trafic_validated', 'troncon_id'),
        ('parkings', 'int_mobilite_parkings_validated', 'parking_id'),
        ('compteurs', 'int_mobilite_comptages_validated', 'canal_id')] %}
        select
            '{{ feed }}' as flux,
            {{ key }} as cle,
            fenetre_utc,
            count(*) as lignes
        from {{ ref(model) }}
        where motif_rejet is null
        group by {{ key }}, fenetre_utc
        {{ "union all" if not loop.last }}
    {%- endfor %}
),

fact_windows as (
    select
        'trafic' as flux,
        troncon_id as cle,
        debut_utc as fenetre_utc,
        nb_valeurs as lignes
    from {{ ref('fct_mobilite_trafic_15min') }}
    union all
    select
        'parkings' as flux,
        parking_id as cle,
        debut_utc as fenetre_utc,
        nb_releves as lignes
    from {{ ref('fct_mobilite_parkings_15min') }}
    union all
    select
        'compteurs' as flux,
        canal_id as cle,
        debut_utc as fenetre_utc,
        1 as lignes
    from {{ ref('fct_mobilite_comptages_heure') }}
),

windows_differing as (
    select
        coalesce(valid_windows.flux, fact_windows.flux) as flux,
        coalesce(valid_windows.cle, fact_windows.cle) as cle,
        coalesce(valid_windows.fenetre_utc, fact_windows.fenetre_utc)::varchar as fenetre,
        coalesce(valid_windows.lignes, 0) as lignes_valides,
        coalesce(fact_windows.lignes, 0) as lignes_du_fait
    from valid_windows
    full outer join fact_windows
        on
            valid_windows.flux = fact_windows.flux
            and valid_windows.cle = fact_windows.cle
            and valid_windows.fenetre_utc = fact_windows.fenetre_utc
    where coalesce(valid_windows.lignes, 0) <> coalesce(fact_windows.lignes, 0)
),

hours_per_day as (
    select
        canal_id,
        jour_local,
        sum(comptage) as comptage,
        count(*) as nb_heures
    from {{ ref('fct_mobilite_comptages_heure') }}
    group by canal_id, jour_local
),

days_differing as (
    select
        'compteurs_jour' as flux,
        coalesce(hours_per_day.canal_id, day_totals.canal_id) as cle,
        coalesce(hours_per_day.jour_local, day_totals.jour_local)::varchar as fenetre,
        coalesce(hours_per_day.nb_heures, 0) as lignes_valides,
        coalesce(day_totals.nb_heures, 0) as lignes_du_fait
    from hours_per_day
    full outer join {{ ref('fct_mobilite_comptages_jour') }} as day_totals
        on hours_per_day.canal_id = day_totals.canal_id and hours_per_day.jour_local = day_totals.jour_local
    where
        coalesce(hours_per_day.nb_heures, 0) <> coalesce(day_totals.nb_heures, 0)
        or hours_per_day.comptage is distinct from day_totals.comptage
)

select * from windows_differing
union all
select * from days_differing
