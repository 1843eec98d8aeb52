{#- The raw files with a problem (a file issue of the quarantine), counted per
    domain, format, problem and commune: the commune is the INSEE code of the
    métropole in the file's name, when it has one. Never a file's content. -#}
{%- set domains = ['naissances', 'deliberations', 'subventions', 'equipements', 'dechets', 'mobilite'] -%}

with

issues as (
    {%- for domain in domains %}
        select
            '{{ domain }}' as domaine,
            source_format,
            source_file,
            file_issue
        from {{ ref(domain ~ '_file_issues') }}
        {{ "union all" if not loop.last }}
    {%- endfor %}
),

communes as (
    select code_insee from {{ ref('communes') }}
),

located as (
    select
        issues.*,
        (
            select min(communes.code_insee)
            from communes
            where regexp_matches(
                    coalesce(issues.source_file, ''), '(^|[^0-9])' || communes.code_insee || '([^0-9]|$)'
                )
        ) as code_insee
    from issues
)

select
    domaine::varchar as domaine,
    source_format::varchar as format_source,
    file_issue::varchar as probleme,
    code_insee::varchar as code_insee,
    count(*)::bigint as nb_fichiers
from located
group by all
