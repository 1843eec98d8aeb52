{#- The lines of one photo that repeat a key (a chip, a producer): found by an
    aggregate over the photo lines (lines_relation, with a unique line_key), then
    numbered, so that the many lines that do not repeat cost a single pass. One
    row per repeated line: line_key, lines_of_key (lines of that key in the
    photo), variants (distinct attribute sets among them), copy_number. -#}
{% macro photo_repeats(lines_relation, key, attributes) -%}
    select
        lines_.line_key,
        repeated.lines_of_key,
        repeated.variants,
        row_number() over (partition by lines_.date_photo, lines_.{{ key }} order by lines_.line_key) as copy_number
    from {{ lines_relation }} as lines_
    inner join (
        select
            date_photo,
            {{ key }},
            count(*) as lines_of_key,
            count(distinct row({{ attributes | join(', ') }})) as variants
        from {{ lines_relation }}
        group by date_photo, {{ key }}
        having count(*) > 1
    ) as repeated
        on lines_.date_photo = repeated.date_photo and lines_.{{ key }} = repeated.{{ key }}
{%- endmacro %}


{#- The date of a photo line: its date_photo column in the format's writing, else
    the date in the file name (..._AAAAMMJJ.csv). -#}
{% macro photo_date(column, fmt, file_column='source_file') -%}
    case
        when {{ column }} is not null then try_strptime({{ column }}, '{{ fmt.date_format }}')
        else try_strptime(regexp_extract({{ file_column }}, '_([0-9]{8})\.csv$', 1), '{{ fmt.date_format }}')
    end::date
{%- endmacro %}


{#- The flow at the end of a round's code (LU-140-OM -> OM), used by the lifts
    and the tickets. -#}
{% macro round_flow(column) -%}
    regexp_extract({{ column }}, '-([A-Z]+)$', 1)
{%- endmacro %}
