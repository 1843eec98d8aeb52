{#- One row per file of the collection operator received (lifts, photos,
    tickets), with what was found in it (the photos' lines: kept at load plus
    unchanged); one row per collection day without any
    lift file between the first and the last day received (missing_day). A
    lift file carries the first and last day of its lifts: the days the lifts
    fact rebuilds when the file is new. -#}

with

lines as (
    {%- for feed, model in [('levees', 'stg_dechets__levees'), ('ref_bac', 'stg_dechets__ref_bacs'),
        ('ref_producteur', 'stg_dechets__ref_producteurs'), ('exutoire', 'stg_dechets__exutoire')] %}
        select
            '{{ feed }}' as source_format,
            source_file,
            record_type,
            parse_error,
            parse_error_detail,
            {{ 'unchanged_lines' if feed.startswith('ref_') else 'null::bigint as unchanged_lines' }}
        from {{ ref(model) }}
        {{ "union all" if not loop.last }}
    {%- endfor %}
),

files as (
    {{ files_checked('lines', 'record', 'unchanged_lines') }}
),

days_of_lift_files as (
    select
        source_file,
        min(jour_levee) as premier_jour,
        max(jour_levee) as dernier_jour
    from {{ ref('stg_dechets__levees') }}
    where record_type = 'data'
    group by source_file
),

lift_days as (
    select distinct
        try_strptime(
            regexp_extract(source_file, 'dechets_levees_([0-9]{8})_', 1), '%Y%m%d'
        )::date as jour
    from files
    where source_format = 'levees'
),

calendar as (
    select generate_series::date as jour
    from generate_series(
            (select min(jour) from lift_days)::timestamp,
            (select max(jour) from lift_days)::timestamp,
            interval 1 day
        )
    where isodow(generate_series) in ({{ var('dechets_jours_collecte') | join(', ') }})
)

select
    files.source_format,
    files.source_file,
    files.data_lines,
    files.file_issue,
    files.file_issue_detail,
    days_of_lift_files.premier_jour,
    days_of_lift_files.dernier_jour
from files
left join days_of_lift_files
    on files.source_format = 'levees' and files.source_file = days_of_lift_files.source_file
union all
select
    'levees' as source_format,
    null as source_file,
    0 as data_lines,
    'missing_day' as file_issue,
    'no lift file for the collection day ' || strftime(calendar.jour, '%Y-%m-%d') as file_issue_detail,
    null as premier_jour,
    null as dernier_jour
from calendar
where calendar.jour not in (
        select lift_days.jour from lift_days
        where lift_days.jour is not null
    )
