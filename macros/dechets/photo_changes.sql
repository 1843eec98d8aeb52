{#-
    The rows a staging model of daily full photos (bins, producers) keeps: the
    photos are compacted at load (docs block dechets_photos_compactees).

    Called as a call block: `{% call(rows) photo_changes(...) %} select ...
    from {{ rows }} {% endcall %}`, the body typing the parsed rows of `rows`
    into `columns` plus line_issue (the line's own defect, or null).
    files_relation, fmt, read_columns: the source, its format and the columns
    read (read_large_delimited_extract; the photo's date read as
    date_photo_source); key: the entity's column, key_expr: the key computed from
    a parsed row (`parsed.`); content: the columns that make its state. The files
    are read twice, inlined (a CTE read twice would be held in memory): once,
    typed, to find each key's runs; once to keep the changes, typed after the
    choice (typing 50 million lines twice would cost as much as reading them).
    A data line is kept when it
    changes something: the first line of a run of identical lines of its key
    over consecutive photos, every line of a key that is not such a plain run in
    this load (listed twice in a photo, changing back, absent then back, a
    defective line), every line without key. The other lines are counted on
    their file's header row (unchanged_lines). Rows added, not read from a file:
    `absence` (the key held a valid line in the previous photo and none in this
    one) and `photo` (a photo date with a valid line, per file). In an
    incremental run the lines each key held at the last photo loaded take part
    as the photo before the new ones; the lines of a photo not newer than the
    last one loaded are quarantined (late_photo) until the history is rebuilt
    (--full-refresh), where that photo takes its place.
-#}
{% macro photo_changes(files_relation, fmt, read_columns, key, key_expr, content, columns) -%}
    {#- one listing and profile of the new files, read twice for the data lines
        and once for the header rows (counted from file_lines below) -#}
    {%- set plan = {} -%}
    {%- set read_sql = read_large_delimited_extract(files_relation, fmt, read_columns, plan, 'data') -%}
    {%- set headers_read_sql = read_large_delimited_extract(files_relation, fmt, read_columns, plan, 'headers',
        records_read='(select source_file, data_lines as records_read from file_lines)') -%}
    {%- set date_expr = photo_date('parsed.date_photo_source', fmt, 'parsed.source_file') -%}
    {#- the typed lines of a relation of parsed rows (the call block's body) -#}
    {%- set data_rows = "(select * from (" ~ read_sql ~ ") as read_rows where record_type = 'data')" -%}
    {%- set all_lines_sql = caller(data_rows ~ ' as parsed') -%}
    {#- the second read keeps the lines to keep before typing them: a plain key's
        line is kept on the first date of each of its runs -#}
    {%- set kept_lines_sql = caller(
        '(select parsed.* from ' ~ data_rows ~ ' as parsed'
        ~ ' left join plain_keys on ' ~ key_expr ~ ' = plain_keys.' ~ key
        ~ ' left join run_starts on ' ~ key_expr ~ ' = run_starts.' ~ key
        ~ ' and ' ~ date_expr ~ ' = run_starts.first_date'
        ~ ' where plain_keys.' ~ key ~ ' is null or run_starts.' ~ key ~ ' is not null) as parsed') -%}
    {%- if is_incremental() %}
    last_loaded as (
        select max(date_photo) as date_photo
        from {{ this }}
        where record_type = 'photo'
    ),

    {#- a photo not newer than the last one loaded cannot take its place in the
        history: quarantined until the history is rebuilt -#}
    {%- set late_photo -%}
        lines_.* replace (
            case
                when lines_.line_issue is null and lines_.date_photo <= last_loaded.date_photo then 'late_photo'
                else lines_.line_issue
            end as line_issue
        )
    {%- endset %}

    latest_events as (
        -- each key's rows of its latest date: its state at the last photo
        -- unless that is an absence
        select *
        from {{ this }}
        where record_type in ('data', 'absence') and {{ key }} is not null
        qualify date_photo = max(date_photo) over (partition by {{ key }})
    ),

    previous as (
        select
            latest_events.{{ key }},
            last_loaded.date_photo,
            latest_events.line_issue,
            true as is_previous,
            hash({% for c in content %}latest_events.{{ c }}{{ ", " if not loop.last }}{% endfor %}) as content_hash
        from latest_events
        cross join last_loaded
        where latest_events.record_type = 'data' and latest_events.line_issue is null
    ),
    {%- else %}
    last_loaded as (
        select null::date as date_photo
    ),

    {%- set late_photo = 'lines_.*' %}

    previous as (
        select
            null::varchar as {{ key }},
            null::date as date_photo,
            null::varchar as line_issue,
            true as is_previous,
            null::ubigint as content_hash
        where false
    ),
    {%- endif %}

    checked as (
        select
            {{ late_photo }},
            false as is_previous,
            hash({% for c in content %}lines_.{{ c }}{{ ", " if not loop.last }}{% endfor %}) as content_hash
        from ({{ all_lines_sql }}) as lines_
        cross join last_loaded
    ),

    all_lines as (
        select
            source_file,
            {{ key }},
            date_photo,
            line_issue,
            is_previous,
            content_hash
        from checked
        union all
        select
            null as source_file,
            *
        from previous
    ),

    -- one pass over the lines: each key's runs of one state, the photo dates,
    -- the lines of each file
    summary as (
        select
            source_file,
            {{ key }},
            content_hash,
            date_photo,
            grouping({{ key }}) = 0 as is_run,
            grouping(source_file) = 0 as is_file,
            count(*) as lines,
            min(date_photo) as first_date,
            max(date_photo) as last_date,
            bool_and(line_issue is null) as all_valid,
            bool_or(line_issue is null) as any_valid
        from all_lines
        group by grouping sets (({{ key }}, content_hash), (date_photo), (source_file, date_photo))
    ),

    photos as (
        select
            date_photo,
            row_number() over (order by date_photo) as photo_rank
        from summary
        where not is_run and not is_file and date_photo is not null and any_valid
    ),

    runs as (
        select
            summary.{{ key }},
            summary.content_hash,
            summary.lines,
            first_photo.photo_rank as first_rank,
            last_photo.photo_rank as last_rank,
            first_photo.date_photo as first_date,
            summary.all_valid and summary.{{ key }} is not null
            and first_photo.photo_rank is not null and last_photo.photo_rank is not null as is_valid
        from summary
        left join photos as first_photo on summary.first_date = first_photo.date_photo
        left join photos as last_photo on summary.last_date = last_photo.date_photo
        where summary.is_run
    ),

    -- a plain key: valid runs of one line per photo, each starting the photo
    -- after the previous one ends
    plain_keys as (
        select
            {{ key }},
            max(last_rank) as last_rank
        from (
            select
                *,
                lag(last_rank) over (partition by {{ key }} order by first_rank) as previous_last_rank
            from runs
        ) as chained
        group by {{ key }}
        having bool_and(
            is_valid
            and lines = last_rank - first_rank + 1
            and (previous_last_rank is null or first_rank = previous_last_rank + 1)
        )
    ),

    run_starts as (
        select
            runs.{{ key }},
            runs.first_date
        from runs
        semi join plain_keys on runs.{{ key }} = plain_keys.{{ key }}
    ),

    kept as materialized (
        select {{ late_photo }}
        from ({{ kept_lines_sql }}) as lines_
        cross join last_loaded
    ),

    -- the last photo of each stretch of photos a key is in: the end of its runs
    -- for a plain key, its kept lines (and the previous photo) for the others
    presence_ends as (
        select
            {{ key }},
            last_rank as photo_rank
        from plain_keys
        union all
        select
            {{ key }},
            photo_rank
        from (
            select distinct
                kept_or_previous.{{ key }},
                photos.photo_rank
            from (
                select {{ key }}, date_photo, line_issue from kept
                union all
                select {{ key }}, date_photo, line_issue from previous
            ) as kept_or_previous
            inner join photos on kept_or_previous.date_photo = photos.date_photo
            anti join plain_keys on kept_or_previous.{{ key }} = plain_keys.{{ key }}
            where kept_or_previous.{{ key }} is not null and kept_or_previous.line_issue is null
        ) as present
        -- the last photo of a stretch: the key is not in the next one
        qualify lead(photo_rank) over (partition by {{ key }} order by photo_rank) is distinct from photo_rank + 1
    ),

    absences as (
        select
            presence_ends.{{ key }},
            photos.date_photo
        from presence_ends
        inner join photos on presence_ends.photo_rank + 1 = photos.photo_rank
    ),

    file_lines as (
        select
            source_file,
            sum(lines) as data_lines
        from summary
        where is_file and source_file is not null
        group by source_file
    ),

    kept_per_file as (
        select
            source_file,
            count(*) as kept_lines
        from kept
        group by source_file
    ),

    -- the photos of this load and the file each came from (the first, when a
    -- date came in several files)
    photo_files as (
        select
            summary.date_photo,
            min(summary.source_file) as source_file
        from summary
        inner join photos on summary.date_photo = photos.date_photo
        where summary.is_file and summary.source_file is not null and summary.any_valid
        group by summary.date_photo
    )

    select
        {%- for c in columns %}
        {{ c }},
        {%- endfor %}
        line_issue,
        null::bigint as unchanged_lines
    from kept
    union all
    select
        {%- for c in columns %}
        {% if c in ('source_file', 'line_number', 'record_type', 'parse_error', 'parse_error_detail') -%}
            parsed.{{ c }}
        {%- elif c == 'date_photo' %}{{ date_expr }}{% else %}null{% endif %},
        {%- endfor %}
        null as line_issue,
        file_lines.data_lines - coalesce(kept_per_file.kept_lines, 0) as unchanged_lines
    from ({{ headers_read_sql }}) as parsed
    left join file_lines on parsed.source_file = file_lines.source_file
    left join kept_per_file on parsed.source_file = kept_per_file.source_file
    where parsed.record_type = 'header'
    union all
    select
        {%- for c in columns %}
        {% if c == key or c == 'date_photo' %}absences.{{ c }}{% elif c == 'record_type' %}'absence'{% elif c == 'source_file' %}photo_files.source_file{% else %}null{% endif %},
        {%- endfor %}
        null as line_issue,
        null as unchanged_lines
    from absences
    inner join photo_files on absences.date_photo = photo_files.date_photo
    union all
    select
        {%- for c in columns %}
        {% if c == 'date_photo' or c == 'source_file' %}photo_files.{{ c }}{% elif c == 'record_type' %}'photo'{% else %}null{% endif %},
        {%- endfor %}
        null as line_issue,
        null as unchanged_lines
    from photo_files
{%- endmacro %}
