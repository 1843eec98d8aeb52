{#- SCDL délibérations 2.1.5, exactly its columns in its order, for the métropole's
    communes. The object is scrubbed in staging. -#}
with

decisions as (
    select * from {{ ref('fct_deliberations') }}
)

select
    commune_nom::varchar as COLL_NOM,
    coll_siret::varchar as COLL_SIRET,
    delib_id::varchar as DELIB_ID,
    delib_date::date as DELIB_DATE,
    matiere_code::varchar as DELIB_MATIERE_CODE,
    matiere_nom::varchar as DELIB_MATIERE_NOM,
    delib_objet::varchar as DELIB_OBJET,
    null::varchar as BUDGET_ANNEE,
    null::varchar as BUDGET_NOM,
    pref_id::varchar as PREF_ID,
    pref_date::date as PREF_DATE,
    vote_effectif::integer as VOTE_EFFECTIF,
    vote_reel::integer as VOTE_REEL,
    vote_pour::integer as VOTE_POUR,
    vote_contre::integer as VOTE_CONTRE,
    vote_abstention::integer as VOTE_ABSTENTION,
    delib_url::varchar as DELIB_URL
from decisions
