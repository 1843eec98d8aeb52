{#- Nothing lost: every data line of the segments' referential is a published
    segment or a quarantined line, never both. Returns what does not reconcile. -#}
with

read_lines as (
    -- one row per data line read (the staging model is private to its group)
    select count(*) as lignes
    from {{ ref('int_mobilite_troncons_validated') }}
),

published as (
    select count(*) as valides from {{ ref('mobilite_troncons') }}
),

quarantined as (
    select count(*) as rejetees
    from {{ ref('mobilite_rejected_rows') }}
    where flux = 'troncons'
)

select
    read_lines.lignes,
    published.valides,
    quarantined.rejetees
from read_lines, published, quarantined
where read_lines.lignes <> published.valides + quarantined.rejetees
