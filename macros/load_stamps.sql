{#- Load stamps, shared by the incremental models of every domain: a staging
    model writes on each line the run that loaded it (charge_le), a model built
    from them keeps the latest stamp it has read (or the run that built it) and
    reads, at its next run, what was stamped after it. -#}

{#- The load stamp of this run, for the staging models. -#}
{% macro load_stamp() -%}
    '{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}'::timestamp
{%- endmacro %}

{#- The watermark of the incremental model being built: the latest charge_le of
    its rows (of those meeting `where`, if given), or '-infinity' when it has
    none, as text. Looked up at compile time, to be written as a constant: DuckDB
    then skips the row groups loaded before it by their min/max. -#}
{% macro load_watermark(where=none) -%}
    {%- if execute -%}
        {%- set query = "select coalesce(max(charge_le), '-infinity'::timestamp)::varchar from " ~ this
            ~ (" where " ~ where if where else "") -%}
        {{- return(run_query(query).rows[0][0]) -}}
    {%- endif -%}
    {{- return('-infinity') -}}
{%- endmacro %}
