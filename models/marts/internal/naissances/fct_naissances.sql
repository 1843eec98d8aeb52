{#- One row per valid birth act. Pseudonymised: no name, no address, no full
    date; ids are keyed HMACs in domains of their own. -#}
with

validated as (
    select * from {{ ref('int_naissances_records_validated') }}
    where rejection_reason is null
)

select
    {{ pseudonymise('naissances.acte', "code_insee_lieu_naissance || '|' || numero_acte") }}
        as naissance_id,
    enfant_id,
    code_insee_lieu_naissance,
    code_insee_domicile,
    annee_naissance::integer as annee_naissance,
    mois_naissance::integer as mois_naissance,
    sexe,
    premier_prenom,
    nombre_prenoms::integer as nombre_prenoms,
    source_format,
    source_file,
    line_number::integer as line_number
from validated
