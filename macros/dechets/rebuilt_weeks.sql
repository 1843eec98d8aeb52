{#- The condition that keeps, of the lifts fact, the ISO weeks holding a day the
    fact rebuilt after this model's last run (its rows' charge_le newer than this
    model's latest); every week on a full build. The weeks' Mondays are looked
    up first and written as constants, with their bounds: the scan skips the row
    groups of the other days. -#}
{% macro in_rebuilt_weeks(lifts_relation, day_column='jour_levee') -%}
    {%- if is_incremental() -%}
        {%- set mondays = [] -%}
        {%- if execute -%}
            {#- the watermark as a constant too: the fact's older row groups are
                skipped by their min/max -#}
            {%- set watermark = load_watermark() -%}
            {%- set weeks_query -%}
                select distinct strftime(date_trunc('week', {{ day_column }}), '%Y-%m-%d')
                from {{ lifts_relation }}
                where charge_le > '{{ watermark }}'::timestamp
                order by 1
            {%- endset -%}
            {%- set mondays = run_query(weeks_query).columns[0].values() | list -%}
        {%- endif -%}
        {%- if mondays | length == 0 -%}
            false
        {%- else -%}
            {{ day_column }} >= '{{ mondays[0] }}'::date
            and {{ day_column }} < '{{ mondays[-1] }}'::date + 7
            and date_trunc('week', {{ day_column }}) in ({{ sql_constants(mondays, 'date') }})
        {%- endif -%}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
