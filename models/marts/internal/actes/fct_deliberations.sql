{#- The valid council decisions of the métropole's communes, one row per decision, with
    their provenance (file, line) and the corrections applied. -#}
with

validated as (
    select * from {{ ref('int_deliberations_validated') }}
)

select
    source_file,
    line_number,
    code_insee,
    commune_nom,
    coll_siret,
    delib_id,
    delib_date,
    matiere_code,
    matiere_nom,
    delib_objet,
    vote_effectif,
    vote_reel,
    vote_pour,
    vote_contre,
    vote_abstention,
    pref_id,
    pref_date,
    delib_url,
    corrections
from validated
where rejection_reason is null
