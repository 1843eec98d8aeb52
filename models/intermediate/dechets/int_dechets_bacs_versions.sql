{#- History (SCD2) of the bins from their daily photos: a version per change of
    producer, container or volume (macro versions_from_photos). -#}

with

versions as (
    {{ versions_from_photos(
        ref('int_dechets_bacs_photos_validated'), ref('stg_dechets__ref_bacs'), 'code_puce',
        ['code_producteur', 'categorie_recipient', 'type_recipient', 'litrage', 'flux'], 'duplicate_chip_in_photo') }}
)

select
    *,
    -- the bin's pseudonym (its own domain: cannot be joined to another dataset)
    {{ pseudonymise('dechets_bac', 'code_puce') }} as bac_id
from versions
