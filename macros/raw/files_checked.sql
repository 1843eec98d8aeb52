{#- One row per file of a domain received, with what was found in it: the
    header's parse error, or no_records when the file holds a header and no
    record (a commune that sent nothing is a file issue, not silence).
    records_relation: the unioned staging lines of the domain; unchanged_column:
    a column of the header rows counting the file's lines not kept at load (the
    compacted photos of the waste domain), if any. -#}
{% macro files_checked(records_relation, what, unchanged_column=none) -%}
with

records as (
    select * from {{ records_relation }}
),

per_file as (
    select
        source_format,
        source_file,
        count(*) filter (where record_type = 'data')
        {%- if unchanged_column %} + coalesce(sum({{ unchanged_column }}) filter (where record_type = 'header'), 0){% endif %}
            as data_lines,
        max(parse_error) filter (where record_type = 'header') as header_error,
        max(parse_error_detail) filter (where record_type = 'header') as header_error_detail
    from records
    group by source_format, source_file
)

select
    source_format,
    source_file,
    data_lines,
    case
        when header_error is not null then header_error
        when data_lines = 0 then 'no_records'
    end as file_issue,
    case
        when header_error is not null then header_error_detail
        when data_lines = 0 then 'the file holds a header and no {{ what }}'
    end as file_issue_detail
from per_file
{%- endmacro %}
