{#- The columns every staging model of facility lists ends with, from the rows of
    parse_delimited_extract or parse_workbook_extract with the project's names
    (equipement_id, nom, libelle_type, numero, voie or adresse, code_postal,
    coord_x, coord_y, horaires). The commune and the date of the send come from
    the file name (equipements_<INSEE>_<AAAAMMJJ>); coordinates stay in the
    format's reference system (fmt.crs), the transform is in intermediate. -#}
{% macro standardise_facility(relation, source_format_name, fmt, single_address_column=false) -%}
    select
        '{{ source_format_name }}' as source_format,
        source_file,
        line_number,
        record_type,
        parse_error,
        parse_error_detail,
        regexp_extract(source_file, 'equipements_([0-9]{5})_[0-9]{8}[^/]*$', 1) as code_insee_fichier,
        try_strptime(
            regexp_extract(source_file, 'equipements_[0-9]{5}_([0-9]{8})[^/]*$', 1), '%Y%m%d'
        )::date as date_envoi,
        equipement_id,
        nom,
        libelle_type,
        {%- if single_address_column %}
        -- "12 bis rue de la Gare" -> number "12 bis", street "rue de la Gare"
        nullif(regexp_extract(adresse, '^\s*([0-9]+(?:\s?(?:bis|ter|quater|[a-z]))?)\s+', 1), '') as adr_numero,
        trim(regexp_replace(adresse, '^\s*[0-9]+(?:\s?(?:bis|ter|quater|[a-z]))?\s+', '')) as adr_voie,
        {%- else %}
        numero as adr_numero,
        voie as adr_voie,
        {%- endif %}
        code_postal,
        {%- if fmt.crs %}
        try_cast(replace(coord_x, ',', '.') as double) as coord_x,
        try_cast(replace(coord_y, ',', '.') as double) as coord_y,
        (coord_x is not null or coord_y is not null)
        and (try_cast(replace(coord_x, ',', '.') as double) is null
            or try_cast(replace(coord_y, ',', '.') as double) is null) as has_unreadable_coordinates,
        '{{ fmt.crs }}' as crs,
        {%- else %}
        null::double as coord_x,
        null::double as coord_y,
        false as has_unreadable_coordinates,
        null::varchar as crs,
        {%- endif %}
        horaires
    from {{ relation }}
{%- endmacro %}
