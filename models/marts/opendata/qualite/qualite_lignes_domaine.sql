{#- The fate of the raw lines per domain (counts only), as published: the
    dashboard's data-quality page reads it. -#}

with

fates as (
    select * from {{ ref('fct_qualite_lignes_domaine') }}
)

select
    domaine::varchar as DOMAINE,
    etat::varchar as ETAT,
    motif::varchar as MOTIF,
    nb_lignes::bigint as NB_LIGNES
from fates
