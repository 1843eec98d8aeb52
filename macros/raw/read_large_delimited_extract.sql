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
-#}
{% macro read_large_delimited_extract(files_relation, source_format, columns) -%}
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
                    {%- set header = profile.header | join('\t') -%}
                    {%- do fast_by_header.setdefault(header, []).append(row[0]) -%}
                    {%- do fast_lines.update({row[0]: profile.data_lines}) -%}
                {%- else -%}
                    {%- do slow.append(row[0]) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
    with fast_records as (
        {%- for header, files in fast_by_header.items() %}
        select
            filename as source_file,
            {%- for output_column, header_name in columns.items() %}
            nullif(trim("{{ header_name | lower }}"), '') as {{ output_column }}{{ "," if not loop.last }}
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
        select source_file, count(*) as records_read
        from fast_records
        group by source_file
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
    union all
    select * from slow_rows
{%- endmacro %}


{#- A Python list of strings as a DuckDB list literal. -#}
{% macro sql_list(values) -%}
    [{% for v in values %}'{{ v | replace("'", "''") }}'{{ ", " if not loop.last }}{% endfor %}]
{%- endmacro %}
