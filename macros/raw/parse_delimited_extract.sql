{#-
    Turns the files of one source format (a dbt-duckdb source rendered as
    read_blob(<glob>), one row per file) into one row per physical line:

      source_file, line_number, record_type ('header' | 'data'),
      parse_error (null | encoding_mismatch | header_mismatch | wrong_field_count),
      parse_error_detail, then one varchar column per entry of `columns`, a
      mapping {output column: header name in the file}.

    Why not read_csv over the glob: one file in the wrong encoding or with the wrong
    delimiter makes read_csv fail for every file of the glob. Here each file is
    decoded on its own (spmd_decode, registered by the dbt plugin), fields are
    mapped by header name (an extra column or another column order is harmless),
    and a broken file becomes rows with a reason instead of a failed build.
    Blank lines carry no record and are skipped.

    source_format is the format's entry in var('source_formats'): encoding,
    delimiter, quoted.
-#}
{% macro parse_delimited_extract(files_relation, source_format, columns) -%}
    {{ return(adapter.dispatch('parse_delimited_extract', 'spmd')(files_relation, source_format, columns)) }}
{%- endmacro %}

{% macro duckdb__parse_delimited_extract(files_relation, source_format, columns) -%}
    {%- set expected = columns.values() | map('lower') | list -%}
    with raw_files as (
        select
            filename as source_file,
            spmd_decode(content, '{{ source_format.encoding }}') as strict_text,
            -- latin-1 maps every byte: a file in the wrong encoding still yields
            -- its lines, each quarantined as encoding_mismatch
            coalesce(strict_text, spmd_decode(content, 'latin-1'), '') as file_text
        from {{ files_relation }}
    ),

    file_lines as (
        select
            source_file,
            strict_text is null as is_undecodable,
            string_split(rtrim(file_text, chr(10)), chr(10)) as lines
        from raw_files
    ),

    raw_lines as (
        select
            source_file,
            is_undecodable,
            unnest(lines) as line_text,
            generate_subscripts(lines, 1) as line_number
        from file_lines
    ),

    fielded as (
        select
            *,
            {{ split_delimited_line('line_text', source_format.delimiter, source_format.quoted) }} as fields
        from raw_lines
    ),

    header_lines as (
        select
            source_file,
            coalesce(list_transform(fields, f -> lower(trim(f))), []) as written_fields,
            -- a header ending with the delimiter (the datafactory's traffic export) names no
            -- extra column: its lines do not end with one
            case
                when len(written_fields) > 1 and written_fields[-1] = '' then written_fields[:-2]
                else written_fields
            end as header_fields
        from fielded
        where line_number = 1
    ),

    headers as (
        select
            source_file,
            written_fields,
            header_fields,
            list_filter(
                [{% for c in expected | unique %}'{{ c }}'{{ ", " if not loop.last }}{% endfor %}]::varchar[],
                c -> not list_contains(header_fields, c)
            ) as missing_columns
        from header_lines
    )

    select
        fielded.source_file,
        fielded.line_number,
        case when fielded.line_number = 1 then 'header' else 'data' end as record_type,
        case
            when fielded.is_undecodable then 'encoding_mismatch'
            when len(headers.missing_columns) > 0 then 'header_mismatch'
            -- (lines ending with the delimiter like their header are fine too)
            when fielded.line_number > 1
                and coalesce(len(fielded.fields), -1) not in (len(headers.header_fields), len(headers.written_fields))
                then 'wrong_field_count'
        end as parse_error,
        case
            when fielded.is_undecodable
                then 'file is not valid {{ source_format.encoding }}'
            when len(headers.missing_columns) > 0
                then 'missing columns: ' || array_to_string(headers.missing_columns, ', ')
            when fielded.line_number > 1 and fielded.fields is null
                then 'malformed line: unbalanced quotes'
            when fielded.line_number > 1
                and len(fielded.fields) not in (len(headers.header_fields), len(headers.written_fields))
                then len(fielded.fields)::varchar || ' fields, header has ' || len(headers.header_fields)::varchar
        end as parse_error_detail,
        {%- for output_column, header_name in columns.items() %}
        case
            -- the text of an undecodable file is not trusted: its fields stay null
            when fielded.line_number > 1 and not fielded.is_undecodable
                then nullif(trim(fielded.fields[list_position(headers.header_fields, '{{ header_name | lower }}')]), '')
        end as {{ output_column }}{{ "," if not loop.last }}
        {%- endfor %}
    from fielded
    inner join headers on fielded.source_file = headers.source_file
    where fielded.line_number = 1 or trim(fielded.line_text) <> ''
{%- endmacro %}


{#- A line split into fields. Quoted fields ("a, b" with "" for a quote) are
    understood when the format says quoted: true. -#}
{% macro split_delimited_line(line, delimiter, quoted) -%}
    {{ return(adapter.dispatch('split_delimited_line', 'spmd')(line, delimiter, quoted)) }}
{%- endmacro %}

{% macro duckdb__split_delimited_line(line, delimiter, quoted) -%}
    {%- set d = delimiter | replace("'", "''") -%}
    {%- if quoted -%}
        {%- set rd = '\\' ~ d if d in '|.+*?()[]{}^$\\' else d -%}
        case
            -- a line whose quotes do not balance (e.g. truncated) has no fields
            when regexp_full_match({{ line }} || '{{ d }}', '(?:("(?:[^"]|"")*"|[^"{{ rd }}]*){{ rd }})*')
                then list_transform(
                    regexp_extract_all({{ line }} || '{{ d }}', '("(?:[^"]|"")*"|[^"{{ rd }}]*){{ rd }}', 1),
                    f -> case when f like '"%"' then replace(f[2:-2], '""', '"') else f end
                )
        end
    {%- else -%}
        string_split({{ line }}, '{{ d }}')
    {%- endif -%}
{%- endmacro %}


{#- How a raw format is written (encoding, delimiter, quoted, date_format,
    sex_codes): var('source_formats')[domain][format], in dbt_project.yml. -#}
{% macro source_format(domain, format_name) -%}
    {%- set fmt = var('source_formats', {}).get(domain, {}).get(format_name) -%}
    {%- if fmt is none -%}
        {{ exceptions.raise_compiler_error("no var source_formats." ~ domain ~ "." ~ format_name ~ " in dbt_project.yml") }}
    {%- endif -%}
    {{ return(fmt) }}
{%- endmacro %}
