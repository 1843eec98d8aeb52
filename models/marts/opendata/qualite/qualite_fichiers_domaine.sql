{#- The raw files with a problem, counted per domain, format, problem and
    commune, as published. -#}

with

files as (
    select * from {{ ref('fct_qualite_fichiers_domaine') }}
)

select
    domaine::varchar as DOMAINE,
    format_source::varchar as FORMAT_SOURCE,
    probleme::varchar as PROBLEME,
    code_insee::varchar as CODE_INSEE,
    nb_fichiers::bigint as NB_FICHIERS
from files
