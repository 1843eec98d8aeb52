with

staged as (
    select
        flux,
        source_file,
        count(*) as lignes
    from {{ ref('int_mobilite_lignes_unioned') }}
    where record_type = 'data'
    group by flux, source_file
),

fates as (
    {%- for feed, model in [('trafic', 'int_mobilite_trafic_validated'),
        ('parkings', 'int_mobilite_parkings_validated'), ('compteurs', 'int_mobilite_comptages_validated')] %}
        select
            '{{ feed }}' as flux,
            source_file,
            count(*) filter (where motif_rejet is null) as valides
        from {{ ref(model) }}
        group by source_file
        {{ "union all" if not loop.last }}
    {%- endfor %}
),

quarantined as (
    select
        flux,
        source_file,
        count(*) as rejetees
    from {{ ref('mobilite_rejected_rows') }}
    group by flux, source_file
)

select
    staged.flux,
    staged.source_file,
    staged.lignes,
    coalesce(fates.valides, 0) as valides,
    coalesce(quarantined.rejetees, 0) as rejetees
from staged
left join fates on staged.flux = fates.flux and staged.source_file = fates.source_file
left join quarantined on staged.flux = quarantined.flux and staged.source_file = quarantined.source_file
where staged.lignes <> coalesce(fates.valides, 0) + coalesce(quarantined.rejetees, 0)
