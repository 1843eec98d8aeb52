{#- The métropole running the SPMD, one row, from its profile's settings
    (metropoles/<name>/metropole.env, read as environment variables): the
    producer named in the published files and in the catalogue. A quote in a
    setting is doubled, as SQL writes it. -#}

select
    '{{ env_var("SPMD_METROPOLE_NOM") | replace("'", "''") }}'::varchar as nom,
    '{{ env_var("SPMD_METROPOLE_SIREN") | replace("'", "''") }}'::varchar as siren,
    '{{ env_var("SPMD_METROPOLE_SIRET") | replace("'", "''") }}'::varchar as siret,
    '{{ env_var("SPMD_METROPOLE_DEPARTEMENTS") | replace("'", "''") }}'::varchar as departements,
    '{{ env_var("SPMD_METROPOLE_SERVICE") | replace("'", "''") }}'::varchar as nom_service,
    '{{ env_var("SPMD_METROPOLE_CONTACT") | replace("'", "''") }}'::varchar as contact,
    '{{ env_var("SPMD_METROPOLE_PORTAIL") | replace("'", "''") }}'::varchar as portail,
    '{{ env_var("SPMD_METROPOLE_LICENCE") | replace("'", "''") }}'::varchar as licence,
    '{{ env_var("SPMD_METROPOLE_NB_COMMUNES") | replace("'", "''") }}'::integer as nb_communes
