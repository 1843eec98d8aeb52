{#- The columns every staging model of births ends with, from the output of
    parse_delimited_extract with the format's fields under the project's names
    (numero_acte, code_insee_lieu_naissance, code_insee_domicile, date_naissance,
    sexe, prenoms, nom). Direct identifiers stop here (PRIVACY.md): the full
    birth date becomes year, month and a status; the given names become the first
    given name; the family name only feeds the child's pseudonym. -#}
{% macro standardise_birth_record(relation, source_format_name, fmt) -%}
    select
        '{{ source_format_name }}' as source_format,
        source_file,
        line_number,
        record_type,
        parse_error,
        parse_error_detail,
        numero_acte,
        code_insee_lieu_naissance,
        code_insee_domicile,
        year(parsed_date) as annee_naissance,
        month(parsed_date) as mois_naissance,
        case
            when date_naissance is null then 'missing'
            when parsed_date is null then 'invalid'
            when parsed_date > current_date then 'future'
            when year(parsed_date) < {{ var('naissances_min_year') }} then 'too_old'
            else 'ok'
        end as date_naissance_statut,
        {{ map_codes('sexe', fmt.sex_codes) }} as sexe,
        sexe as sexe_code_source,
        {{ normalise_first_name('prenoms') }} as premier_prenom,
        len({{ given_names_list('prenoms') }}) as nombre_prenoms,
        {{ pseudonymise('naissances.enfant', "upper(nom) || '|' || upper(prenoms) || '|' || date_naissance") }}
            as enfant_id
    from (
        select
            *,
            {{ parse_date('date_naissance', fmt.date_format) }} as parsed_date
        from {{ relation }}
    ) as dated
{%- endmacro %}
