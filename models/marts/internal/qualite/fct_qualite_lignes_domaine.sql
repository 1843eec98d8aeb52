{#- The fate of the raw lines per domain, as counts only: the valid lines (the
    relation that holds each valid line once) and the quarantined lines per
    reason. Never a quarantined line's content. The reconciliation tests of each
    domain prove read = valid + quarantined. -#}
{%- set valid_lines = [
    ('naissances', 'fct_naissances', 'true'),
    ('deliberations', 'fct_deliberations', 'true'),
    ('subventions', 'fct_subventions', 'true'),
    ('equipements', 'int_equipements_validated', 'rejection_reason is null'),
    ('dechets', 'fct_dechets_levees', 'true'),
    ('mobilite', 'int_mobilite_trafic_validated', 'motif_rejet is null'),
    ('mobilite', 'int_mobilite_parkings_validated', 'motif_rejet is null'),
    ('mobilite', 'int_mobilite_comptages_validated', 'motif_rejet is null'),
    ('mobilite', 'int_mobilite_troncons_validated', 'motif_rejet is null'),
] -%}
{%- set domains = ['naissances', 'deliberations', 'subventions', 'equipements', 'capteurs', 'dechets', 'mobilite'] -%}

with

valid as (
    {%- for domain, model, condition in valid_lines %}
        select
            '{{ domain }}' as domaine,
            count(*) as nb_lignes
        from {{ ref(model) }}
        where {{ condition }}
        union all
    {%- endfor %}
    -- a frame is valid when at least one of its measures is in the fact
    select
        'capteurs' as domaine,
        count(*) as nb_lignes
    from (
        select distinct
            source_file,
            line_number
        from {{ ref('fct_capteurs_mesures') }}
    )
),

quarantined as (
    {%- for domain in domains %}
        select
            '{{ domain }}' as domaine,
            rejection_reason as motif,
            count(*) as nb_lignes
        from {{ ref(domain ~ '_rejected_rows') }}
        group by rejection_reason
        {{ "union all" if not loop.last }}
    {%- endfor %}
),

fates as (
    select
        domaine,
        'valide' as etat,
        null as motif,
        sum(nb_lignes) as nb_lignes
    from valid
    group by domaine
    union all
    select
        domaine,
        'quarantaine' as etat,
        motif,
        nb_lignes
    from quarantined
)

select
    domaine::varchar as domaine,
    etat::varchar as etat,
    motif::varchar as motif,
    nb_lignes::bigint as nb_lignes
from fates
