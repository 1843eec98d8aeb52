{#-
    The files of a high-volume feed (a dbt-duckdb source rendered as
    read_blob(<glob>)) as the same rows as parse_delimited_extract, read fast.

    Each file is first profiled (spmd_profile_extract, counted in C: decodable in
    the format's encoding, header, data lines, the same number of fields on every
    line). A clean file with every expected column goes to DuckDB's CSV reader
    (parallel, several times faster than splitting lines in SQL), one read per
    distinct header; the rows it gives are counted against the profile, and a
    file that gives fewer says so on its header row (lines_not_read). Any other
    file goes through parse_delimited_extract, which gives each bad line its
    reason. Rows read by the CSV reader carry no line number (line_number null):
    their content identifies them.

    In an incremental model only the files not yet in {{ this }} are read (by
    file name): a daily run costs the new files, not the history.

    part: 'all' (header and data rows), 'data' or 'headers'. A model that reads
    the lines twice (the compacted photos of the waste domain) inlines the SQL
    twice rather than referencing one CTE twice (DuckDB would hold every line in
    memory): it passes the same dict as plan to each call, so the files are
    listed and profiled once. The rows read per file are counted from the
    records read (part 'all'), else by a read of their own for the same reason,
    unless the caller counts them already (records_read: a relation of
    source_file, records_read). A file without a field padded with blanks
    (the profile says) is read without trimming every field.
-#}
{% macro read_large_delimited_extract(files_relation, source_format, columns, plan=none, part='all', records_read=none) -%}
    {%- set plan = plan if plan is not none else {} -%}
    {%- if 'fast_by_header' not in plan -%}
        {%- do plan.update(plan_large_delimited_extract(files_relation, source_format, columns)) -%}
    {%- endif -%}
    {%- set fast_by_header, fast_lines, slow = plan.fast_by_header, plan.fast_lines, plan.slow -%}
    with fast_records as (
        {%- for group, files in fast_by_header.items() %}
        select
            filename as source_file,
            {%- for output_column, header_name in columns.items() %}
            {%- if group.endswith('\tpadded') %}
            nullif(trim("{{ header_name | lower }}"), '') as {{ output_column }}{{ "," if not loop.last }}
            {%- else %}
            nullif("{{ header_name | lower }}", '') as {{ output_column }}{{ "," if not loop.last }}
            {%- endif %}
            {%- endfor %}
        from read_csv(
            {{ sql_list(files) }},
            delim = '{{ source_format.delimiter }}', header = true, all_varchar = true,
            filename = true, ignore_errors = true
        )
        {{ "union all" if not loop.last }}
        {%- else %}
        select
            null::varchar as source_file,
            {%- for output_column in columns %}
            null::varchar as {{ output_column }}{{ "," if not loop.last }}
            {%- endfor %}
        where false
        {%- endfor %}
    ),

    fast_files as (
        -- every clean file and the records its profile counted
        {%- if fast_lines %}
        select * from (values
            {%- for file, n in fast_lines.items() %}
            ('{{ file | replace("'", "''") }}', {{ n }}){{ "," if not loop.last }}
            {%- endfor %}
        ) as profiled (source_file, data_lines)
        {%- else %}
        select null::varchar as source_file, null::bigint as data_lines where false
        {%- endif %}
    ),

    read_counts as (
        {%- if records_read is not none %}
        select source_file, records_read from {{ records_read }}
        {%- elif part == 'all' %}
        -- the records are read once here and held (fine for a feed of a few
        -- million lines: the lifts, the real-time batches)
        select source_file, count(*) as records_read
        from fast_records
        group by source_file
        {%- else %}
        -- a read of its own (see above), per header like the records
        {%- for group, files in fast_by_header.items() %}
        select filename as source_file, count(*) as records_read
        from read_csv(
            {{ sql_list(files) }},
            delim = '{{ source_format.delimiter }}', header = true, all_varchar = true,
            filename = true, ignore_errors = true
        )
        group by filename
        {{ "union all" if not loop.last }}
        {%- else %}
        select null::varchar as source_file, null::bigint as records_read where false
        {%- endfor %}
        {%- endif %}
    ),

    fast_rows as (
        select
            source_file,
            null::bigint as line_number,
            'data' as record_type,
            null::varchar as parse_error,
            null::varchar as parse_error_detail,
            {{ columns.keys() | join(', ') }}
        from fast_records
        union all
        -- the header row of each file; a file the reader gave fewer rows than it
        -- holds is named (the lines it could not read are not silently lost)
        select
            fast_files.source_file,
            1,
            'header',
            case when coalesce(read_counts.records_read, 0) < fast_files.data_lines then 'lines_not_read' end,
            case
                when coalesce(read_counts.records_read, 0) < fast_files.data_lines
                    then (fast_files.data_lines - coalesce(read_counts.records_read, 0))::varchar
                    || ' of ' || fast_files.data_lines::varchar || ' lines could not be read'
            end,
            {%- for output_column in columns %}
            null{{ "," if not loop.last }}
            {%- endfor %}
        from fast_files
        left join read_counts on fast_files.source_file = read_counts.source_file
    ),

    slow_rows as (
        {%- if slow | length > 0 %}
        {{ parse_delimited_extract('read_blob(' ~ sql_list(slow) ~ ')', source_format, columns) }}
        {%- else %}
        select * from fast_rows where false
        {%- endif %}
    )

    select * from fast_rows
    {%- if part != 'all' %}
    where record_type = '{{ "data" if part == "data" else "header" }}'
    {%- endif %}
    union all
    select * from slow_rows
    {%- if part != 'all' %}
    where record_type = '{{ "data" if part == "data" else "header" }}'
    {%- endif %}
{%- endmacro %}


{#- The listing and the profiles of read_large_delimited_extract: which new
    files go to DuckDB's CSV reader (grouped by header and padding), their
    counted lines, and which go to the line parser. -#}
{% macro plan_large_delimited_extract(files_relation, source_format, columns) -%}
    {%- set expected = columns.values() | map('lower') | unique | list -%}
    {%- set fast_by_header, fast_lines, slow = {}, {}, [] -%}
    {%- if execute -%}
        {%- set found = modules.re.search("read_blob\\('([^']+)'\\)", files_relation | string) -%}
        {%- if found is none -%}
            {{ exceptions.raise_compiler_error("read_large_delimited_extract needs a source rendered as read_blob('<glob>'), got " ~ files_relation) }}
        {%- endif -%}
        {%- set listing -%}
            select file from glob('{{ found.group(1) }}')
            {%- if is_incremental() %}
            -- every file loaded has its header row: one row per file to compare with
            where file not in (select source_file from {{ this }} where record_type = 'header')
            {%- endif %}
            order by file
        {%- endset -%}
        {%- set new_files = run_query(listing).columns[0].values() | list -%}
        {%- if new_files | length > 0 -%}
            {%- set profiling -%}
                select filename, spmd_profile_extract(content, '{{ source_format.encoding }}', '{{ source_format.delimiter }}')
                from read_blob({{ sql_list(new_files) }})
                order by filename
            {%- endset -%}
            {%- for row in run_query(profiling) -%}
                {%- set profile = fromjson(row[1]) -%}
                {%- set has_columns = expected | reject('in', profile.header) | list | length == 0 -%}
                {%- if profile.decodable and profile.uniform and has_columns -%}
                    {%- set group = profile.header | join('\t') ~ ('\tpadded' if profile.padded else '') -%}
                    {%- do fast_by_header.setdefault(group, []).append(row[0]) -%}
                    {%- do fast_lines.update({row[0]: profile.data_lines}) -%}
                {%- else -%}
                    {%- do slow.append(row[0]) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
    {{ return({'fast_by_header': fast_by_header, 'fast_lines': fast_lines, 'slow': slow}) }}
{%- endmacro %}


{#- A Python list of strings as a DuckDB list literal. -#}
{% macro sql_list(values) -%}
    [{% for v in values %}'{{ v | replace("'", "''") }}'{{ ", " if not loop.last }}{% endfor %}]
{%- endmacro %}


{#- Strings as the constants of an IN list, each cast to sql_type ('date'):
    `'2026-01-02'::date, ...`, or `null` for none (so `x in (null)` keeps no row).
    Values looked up at compile time and written this way let DuckDB push the
    filter below window functions and skip row groups by their min/max. -#}
{% macro sql_constants(values, sql_type='varchar') -%}
    {%- for v in values %}'{{ v | replace("'", "''") }}'::{{ sql_type }}{{ ", " if not loop.last }}{% else %}null{% endfor -%}
{%- endmacro %}
