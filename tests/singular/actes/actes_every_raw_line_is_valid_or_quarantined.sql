{#- Nothing lost: per raw file of council decisions and of grants, the data lines
    read = valid rows + quarantined rows, no line in both; and every valid grant
    is published, as a row of subventions or in a count of
    subventions_personnes_physiques (withheld counts included, through fct).
    Returns what does not reconcile. -#}
{%- set domains = [
    ('deliberations', 'int_deliberations_unioned', 'fct_deliberations', 'deliberations_rejected_rows'),
    ('subventions', 'int_subventions_unioned', 'fct_subventions', 'subventions_rejected_rows'),
] -%}
with

{% for domain, read, valid, rejected in domains %}
    {{ domain }}_lines as (
        select
            '{{ domain }}' as actes_domain,
            read_lines.source_file,
            read_lines.line_number,
            (fct.line_number is not null)::integer as is_valid,
            (quarantined.line_number is not null)::integer as is_rejected
        from {{ ref(read) }} as read_lines
        left join {{ ref(valid) }} as fct
            on read_lines.source_file = fct.source_file and read_lines.line_number = fct.line_number
        left join {{ ref(rejected) }} as quarantined
            on
                read_lines.source_file = quarantined.source_file
                and read_lines.line_number = quarantined.line_number
        where read_lines.record_type = 'data'
    ),
{% endfor %}

unreconciled_lines as (
    select * from deliberations_lines
    union all
    select * from subventions_lines
),

private_grants as (
    select * from {{ ref('fct_subventions') }}
    where is_private_person
),

counts as (
    select * from {{ ref('subventions_personnes_physiques') }}
),

published as (
    select
        'deliberations' as published_model,
        (select count(*) from {{ ref('deliberations') }}) as published_rows,
        (select count(*) from {{ ref('fct_deliberations') }}) as valid_rows
    union all
    select
        'subventions' as published_model,
        (select count(*) from {{ ref('subventions') }}) as published_rows,
        (
            select count(*) from {{ ref('fct_subventions') }}
            where not is_private_person
        ) as valid_rows
    union all
    -- published counts + grants of withheld cells = private grants
    select
        'subventions_personnes_physiques' as published_model,
        (select coalesce(sum(NOMBRE_AIDES), 0) from counts)
        + (
            select count(*) from private_grants
            inner join counts
                on year(private_grants.date_convention) = counts.ANNEE
                    and private_grants.dispositif = counts.DISPOSITIF
            where counts.SECRET_STATISTIQUE
        ) as published_rows,
        (select count(*) from private_grants) as valid_rows
)

select
    actes_domain,
    source_file,
    line_number::varchar as line_text,
    'valid ' || is_valid || ', quarantined ' || is_rejected as problem
from unreconciled_lines
where is_valid + is_rejected <> 1
union all
select
    published_model as actes_domain,
    null as source_file,
    null as line_text,
    valid_rows || ' valid rows, ' || published_rows || ' published' as problem
from published
where valid_rows <> published_rows
