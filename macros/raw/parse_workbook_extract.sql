{#- The Excel workbooks of one source format (a dbt-duckdb source rendered as
    glob(<pattern>), one row per file) as the same rows as
    parse_delimited_extract: source_file, line_number (row of the sheet),
    record_type, parse_error, parse_error_detail, then one varchar column per
    entry of `columns` ({output column: header name}).

    The sheet is fmt.sheet (another sheet of the workbook is ignored). The header
    is the first row holding every expected header name, so a title row above it
    is harmless; rows above the header are skipped. A workbook without such a row
    or without the sheet gives one header line with parse_error header_mismatch,
    a file that is not a workbook one with unreadable_workbook (spmd_workbook_sheets,
    registered by the dbt plugin, is asked first). read_xlsx reads one file a
    call: the files are listed when the model runs. -#}
{% macro parse_workbook_extract(files_relation, fmt, columns) -%}
    {%- set expected = columns.values() | map('lower') | unique | list -%}
    {#- a file that is not a workbook, or lacks the sheet, would fail read_xlsx
        (and the whole build): it is named in a header line instead -#}
    {%- set files = [] -%}
    {%- set refused = [] -%}
    {%- if execute -%}
        {%- set listing = "select file, array_to_string(spmd_workbook_sheets(file), chr(9)) from "
            ~ files_relation ~ " order by file" -%}
        {%- for row in run_query(listing) -%}
            {%- set sheets = row[1].split('\t') if row[1] is not none else none -%}
            {%- if sheets is none -%}
                {%- do refused.append((row[0], 'unreadable_workbook', 'the file is not an Excel workbook (.xlsx)')) -%}
            {%- elif fmt.sheet not in sheets -%}
                {%- do refused.append((row[0], 'header_mismatch', 'no sheet ' ~ fmt.sheet ~ ' (sheets: ' ~ sheets | join(', ') ~ ')')) -%}
            {%- else -%}
                {%- do files.append(row[0]) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set width = fmt.get('max_columns', 26) -%}
    {%- set letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' -%}
    with cells as (
        {%- for file in files %}
        select
            '{{ file }}' as source_file,
            row_number() over () as line_number,
            [{% for i in range(width) %}trim({{ letters[i] }}){{ ", " if not loop.last }}{% endfor %}] as fields
        from read_xlsx(
            '{{ file }}', sheet = '{{ fmt.sheet }}', header = false, all_varchar = true,
            range = 'A1:{{ letters[width - 1] }}1000000', stop_at_empty = true
        )
        {{ "union all" if not loop.last }}
        {%- endfor %}
        {%- if files | length == 0 %}
        select null::varchar as source_file, null::bigint as line_number, null::varchar[] as fields
        where false
        {%- endif %}
    ),

    header_rows as (
        select
            source_file,
            min(line_number) as header_line
        from cells
        where len(list_filter(
            [{% for c in expected %}'{{ c }}'{{ ", " if not loop.last }}{% endfor %}]::varchar[],
            c -> not list_contains(list_transform(fields, f -> lower(f)), c)
        )) = 0
        group by source_file
    ),

    headers as (
        select
            cells.source_file,
            header_rows.header_line,
            list_transform(cells.fields, f -> lower(f)) as header_fields
        from cells
        inner join header_rows
            on cells.source_file = header_rows.source_file and cells.line_number = header_rows.header_line
    ),

    files as (
        select distinct source_file from cells
    )

    {%- for file, error, detail in refused %}
    select
        '{{ file }}' as source_file,
        1::bigint as line_number,
        'header' as record_type,
        '{{ error }}' as parse_error,
        '{{ detail | replace("'", "''") }}' as parse_error_detail,
        {%- for output_column in columns %}
        null::varchar as {{ output_column }}{{ "," if not loop.last }}
        {%- endfor %}
    union all
    {%- endfor %}

    -- a workbook without the expected header row: one line says so
    select
        files.source_file,
        1::bigint as line_number,
        'header' as record_type,
        'header_mismatch' as parse_error,
        'no row of sheet {{ fmt.sheet }} holds the columns: {{ expected | join(", ") }}' as parse_error_detail,
        {%- for output_column in columns %}
        null::varchar as {{ output_column }}{{ "," if not loop.last }}
        {%- endfor %}
    from files
    left join headers on files.source_file = headers.source_file
    where headers.source_file is null

    union all

    select
        cells.source_file,
        cells.line_number,
        case when cells.line_number = headers.header_line then 'header' else 'data' end as record_type,
        null as parse_error,
        null as parse_error_detail,
        {%- for output_column, header_name in columns.items() %}
        case
            when cells.line_number > headers.header_line
                then nullif(cells.fields[list_position(headers.header_fields, '{{ header_name | lower }}')], '')
        end as {{ output_column }}{{ "," if not loop.last }}
        {%- endfor %}
    from cells
    inner join headers on cells.source_file = headers.source_file
    where cells.line_number >= headers.header_line
{%- endmacro %}
