{#- The columns every staging model of council decisions ends with, from the
    output of parse_delimited_extract with the format's fields under the
    project's names (siret_collectivite, numero_deliberation, date_deliberation,
    matiere_code, matiere_libelle, objet, vote_effectif, vote_reel, vote_pour,
    vote_contre, vote_abstention, prefecture_date, prefecture_id, url). A format
    with one "matière" column maps it to both matiere_code and matiere_libelle.
    The object is free text: it leaves staging scrubbed (PRIVACY.md). -#}
{% macro standardise_deliberation(relation, source_format_name, fmt) -%}
    {%- set votes = ['vote_effectif', 'vote_reel', 'vote_pour', 'vote_contre', 'vote_abstention'] -%}
    {%- set code = "^\\s*([0-9]{1,2})\\s*[.-]\\s*([0-9]{1,2})" -%}
    select
        '{{ source_format_name }}' as source_format,
        source_file,
        line_number,
        record_type,
        parse_error,
        parse_error_detail,
        {{ normalise_siret('siret_collectivite') }} as coll_siret,
        numero_deliberation as delib_id,
        {{ parse_date('date_deliberation', fmt.date_format) }} as delib_date,
        date_deliberation as delib_date_source,
        -- "07.05", "7-5 Subventions" -> "7.5"; null when the field holds no code
        case
            when regexp_matches(matiere_code, '{{ code }}')
                then regexp_extract(matiere_code, '{{ code }}', 1)::integer::varchar
                || '.' || regexp_extract(matiere_code, '{{ code }}', 2)::integer::varchar
        end as matiere_code_source,
        nullif(trim(regexp_replace(
            matiere_libelle, '^\s*[0-9]{1,2}(\s*[.-]\s*[0-9]{1,2})?\s*[-–:]?\s*', ''
        )), '') as matiere_libelle_source,
        {{ scrub_free_text('objet') }} as delib_objet,
        {%- for vote in votes %}
        try_cast({{ vote }} as integer) as {{ vote }},
        {%- endfor %}
        -- a vote count that is written but is not a whole number >= 0
        {% for vote in votes -%}
            ({{ vote }} is not null and coalesce(try_cast({{ vote }} as integer) < 0, true))
            {{- " or" if not loop.last }}
        {% endfor -%}
        as has_unreadable_vote,
        {{ parse_date('prefecture_date', fmt.date_format) }} as pref_date,
        prefecture_date as pref_date_source,
        prefecture_id as pref_id,
        -- the first web address of the field (exports may list the annexes after it)
        nullif(regexp_extract(url, 'https?://[^\s|;,]+'), '') as delib_url
    from {{ relation }}
{%- endmacro %}
