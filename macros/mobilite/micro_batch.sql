{#- Micro-batches: a real-time model recomputes only the windows touched by the
    lines staged since it last ran. Every staged line carries charge_le, the
    start of the dbt run that loaded it (run_started_at), and fenetre_utc, the
    window it falls in; a model keeps the latest charge_le it has seen. -#}

{#- A select of the windows (fenetre_utc) of one feed touched by lines loaded
    after the watermark (the latest charge_le of the model being built). -#}
{% macro touched_windows(feed, watermark) -%}
    select distinct fenetre_utc
    from {{ ref('int_mobilite_lignes_unioned') }}
    where flux = '{{ feed }}' and fenetre_utc is not null and charge_le > '{{ watermark }}'::timestamp
{%- endmacro %}

{#- The condition that keeps, of a relation with fenetre_utc and a time column,
    the lines of the windows touched since the last run (every line on a full
    build). The bounds of the touched windows are looked up first and written
    as constants, so that DuckDB skips the row groups outside them: the cost of
    a micro-batch follows the batch, not the history. -#}
{% macro in_touched_windows(time_column, feed, window_length) -%}
    {%- if is_incremental() -%}
        {%- set bounds = none -%}
        {%- if execute -%}
            {#- the watermark as a constant too: the staging row groups loaded
                before it are skipped by their min/max -#}
            {%- set watermark = load_watermark() -%}
            {%- set bounds = run_query(
                "select min(fenetre_utc)::varchar, max(fenetre_utc)::varchar from ("
                ~ touched_windows(feed, watermark) ~ ") as touched").rows[0] -%}
        {%- endif -%}
        {%- if bounds is none or bounds[0] is none -%}
            false
        {%- else -%}
            {{ time_column }} >= '{{ bounds[0] }}'::timestamp
            and {{ time_column }} < '{{ bounds[1] }}'::timestamp + interval '{{ window_length }}'
            and fenetre_utc in ({{ touched_windows(feed, watermark) }})
        {%- endif -%}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- Sample standard deviation (3 decimals) from the sum, the sum of squares and
    the count of integer values: exact sums, so the same result whatever the
    order in which the values were added; null for fewer than two values. -#}
{% macro sample_stddev(sum_column, squares_column, count_column) -%}
    round(sqrt(
        ({{ count_column }} * {{ squares_column }} - {{ sum_column }} * {{ sum_column }})
        / nullif({{ count_column }} * ({{ count_column }} - 1), 0)
    ), 3)
{%- endmacro %}

{#- The columns every staging model of a real-time feed starts with: where the
    line comes from, when its batch landed (file name) and was loaded (this run),
    the instant of its timestamp in UTC (instant_name), whether the offset
    written was right, and its window. -#}
{% macro batch_line_columns(timestamp_text, instant_name, window_length) -%}
    source_file,
    line_number,
    record_type,
    parse_error,
    parse_error_detail,
    {{ landing_time('source_file') }} as recu_le_utc,
    {{ load_stamp() }} as charge_le,
    {{ feed_instant_utc(feed_wall_clock(timestamp_text), feed_offset_minutes(timestamp_text)) }}
        as {{ instant_name }},
    {{ feed_offset_is_coherent(feed_wall_clock(timestamp_text), feed_offset_minutes(timestamp_text)) }}
        as decalage_coherent,
    time_bucket(interval '{{ window_length }}', {{ instant_name }}) as fenetre_utc
{%- endmacro %}

{#- Of the copies of one record (same keys), the rank of each: valid copies
    first, then by landing time, file and line, so that the copy kept does not
    depend on the order in which the batches were processed. Reads
    motif_controle (the line's own reason to be rejected, or null). -#}
{% macro landing_rank(keys) -%}
    row_number() over (
        partition by {{ keys | join(', ') }}
        order by motif_controle is not null, recu_le_utc, source_file, line_number
    )
{%- endmacro %}

{#- The fate of a line from its own reason and its landing_rank: its reason,
    `doublon` for a later copy of a valid record, else null (valid). -#}
{% macro line_fate(rank_column) -%}
    coalesce(motif_controle, case when {{ rank_column }} > 1 then 'doublon' end)
{%- endmacro %}
