{{ config(materialized='view') }}
{#- The lift lines, each valid or given one reason. The same lift twice (same
    chip and second, in one file or in a file sent again under another name)
    counts once: the first is kept, the others are duplicate_lift. A view: the
    incremental fact reads only the days it rebuilds. -#}

with

lines as (
    select * from {{ ref('stg_dechets__levees') }}
    where record_type = 'data'
),

numbered as (
    select
        *,
        row_number() over (
            partition by
                jour_levee, leve_le, code_puce, vehicule,
                case when code_puce is null then poids_source end
            order by source_file, line_number
        ) as copy_number
    from lines
)

select
    source_file,
    line_number,
    jour_levee,
    leve_le,
    code_puce,
    poids_source,
    poids_kg,
    latitude,
    longitude,
    vehicule,
    tournee,
    flux_tournee,
    charge_le,
    case
        when parse_error is not null then parse_error
        when leve_le is null then 'invalid_lift_time'
        when poids_kg is null then 'invalid_weight'
        when copy_number > 1 then 'duplicate_lift'
    end as rejection_reason,
    case
        when parse_error is not null then parse_error_detail
        when
            leve_le is null
            then 'date and time: ' || coalesce(date_source, '') || ' ' || coalesce(heure_source, '')
        when poids_kg is null then 'weight: ' || coalesce(poids_source, '(empty)')
        when copy_number > 1 then 'same chip, time and truck as an earlier line'
    end as rejection_detail
from numbered
