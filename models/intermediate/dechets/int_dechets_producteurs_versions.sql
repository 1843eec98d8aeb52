{#- History (SCD2) of the producers from their daily photos: a version per
    change of commune, kind, activity or 200 m cell (macro versions_from_photos). -#}

with

versions as (
    {{ versions_from_photos(
        ref('int_dechets_producteurs_photos_validated'), ref('stg_dechets__ref_producteurs'), 'code_producteur',
        ['code_insee', 'type_producteur', 'activite', 'carreau_200m'], 'duplicate_producer_in_photo') }}
)

select
    *,
    {{ pseudonymise('dechets_producteur', 'code_producteur') }} as producteur_id
from versions
