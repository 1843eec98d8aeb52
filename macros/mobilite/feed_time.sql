{#- Time in the real-time feeds. Every instant is stored as a UTC timestamp
    (without time zone, named *_utc) and shown in local time beside it; the local
    time zone is var('mobilite_fuseau_horaire'). -#}

{#- The instant of a feed's timestamp written as local wall clock + offset
    (2025-10-26T02:15:00+01:00, +0200 or Z). A UTC time (Z, +00:00) is an
    instant. Otherwise the wall clock is trusted: when the offset is the local
    zone's at that wall clock it is used (it tells apart the two 02:15 of the
    autumn change); when it is not (the datafactory's traffic sample says +02:00 in
    February), the wall clock is read in the local zone and the line is flagged
    by feed_offset_is_coherent. -#}
{% macro feed_instant_utc(wall_clock, offset_minutes) -%}
    {{ return(adapter.dispatch('feed_instant_utc', 'spmd')(wall_clock, offset_minutes)) }}
{%- endmacro %}

{% macro duckdb__feed_instant_utc(wall_clock, offset_minutes) -%}
    case
        when {{ feed_offset_is_coherent(wall_clock, offset_minutes) }}
            then {{ wall_clock }} - to_minutes({{ offset_minutes }})
        else timezone('UTC', timezone('{{ var("mobilite_fuseau_horaire") }}', {{ wall_clock }}))
    end
{%- endmacro %}

{% macro feed_offset_is_coherent(wall_clock, offset_minutes) -%}
    {{ return(adapter.dispatch('feed_offset_is_coherent', 'spmd')(wall_clock, offset_minutes)) }}
{%- endmacro %}

{% macro duckdb__feed_offset_is_coherent(wall_clock, offset_minutes) -%}
    coalesce(
        {{ offset_minutes }} = 0
        or {{ utc_to_local(wall_clock ~ ' - to_minutes(' ~ offset_minutes ~ ')') }} = {{ wall_clock }},
        false
    )
{%- endmacro %}

{#- The wall clock (first 19 characters, ISO 8601) and the offset in minutes of
    a feed's timestamp text. -#}
{% macro feed_wall_clock(text) -%}
    {{ return(adapter.dispatch('feed_wall_clock', 'spmd')(text)) }}
{%- endmacro %}

{% macro duckdb__feed_wall_clock(text) -%}
    try_strptime(left({{ text }}, 19), '%Y-%m-%dT%H:%M:%S')
{%- endmacro %}

{% macro feed_offset_minutes(text) -%}
    {{ return(adapter.dispatch('feed_offset_minutes', 'spmd')(text)) }}
{%- endmacro %}

{% macro duckdb__feed_offset_minutes(text) -%}
    case
        when {{ text }} like '%Z' then 0
        when regexp_matches({{ text }}, '[+-][0-9]{2}:?[0-9]{2}$')
            then (case when regexp_extract({{ text }}, '([+-])[0-9]{2}:?[0-9]{2}$', 1) = '-' then -1 else 1 end)
            * (
                regexp_extract({{ text }}, '([0-9]{2}):?[0-9]{2}$', 1)::integer * 60
                + regexp_extract({{ text }}, '([0-9]{2})$', 1)::integer
            )
    end
{%- endmacro %}

{#- A UTC timestamp as local wall clock, and the local offset (minutes) at it. -#}
{% macro utc_to_local(utc) -%}
    {{ return(adapter.dispatch('utc_to_local', 'spmd')(utc)) }}
{%- endmacro %}

{% macro duckdb__utc_to_local(utc) -%}
    timezone('{{ var("mobilite_fuseau_horaire") }}', timezone('UTC', {{ utc }}))
{%- endmacro %}

{% macro local_offset_minutes(utc) -%}
    (date_diff('minute', {{ utc }}, {{ utc_to_local(utc) }}))
{%- endmacro %}

{#- A local wall clock (an unambiguous one, e.g. midnight) as UTC. -#}
{% macro local_to_utc(local) -%}
    {{ return(adapter.dispatch('local_to_utc', 'spmd')(local)) }}
{%- endmacro %}

{% macro duckdb__local_to_utc(local) -%}
    timezone('UTC', timezone('{{ var("mobilite_fuseau_horaire") }}', {{ local }}))
{%- endmacro %}

{#- ISO 8601 text of a UTC instant in local time with its offset
    (2025-10-26T02:00:00+02:00), as the national schemas want datetimes. -#}
{% macro local_iso8601(utc) -%}
    strftime({{ utc_to_local(utc) }}, '%Y-%m-%dT%H:%M:%S')
    || case when {{ local_offset_minutes(utc) }} < 0 then '-' else '+' end
    || lpad((abs({{ local_offset_minutes(utc) }}) // 60)::varchar, 2, '0') || ':'
    || lpad((abs({{ local_offset_minutes(utc) }}) % 60)::varchar, 2, '0')
{%- endmacro %}

{#- ISO 8601 text of a UTC instant (2025-10-26T01:00:00Z). -#}
{% macro utc_iso8601(utc) -%}
    strftime({{ utc }}, '%Y-%m-%dT%H:%M:%SZ')
{%- endmacro %}

{#- A "lat, lon" string (as the métropole's open-data exports write a point) as
    two columns, latitude and longitude (WGS84), null when unreadable. -#}
{% macro lat_lon_columns(geo) -%}
    try_cast(trim(split_part({{ geo }}, ',', 1)) as double) as latitude,
    try_cast(trim(split_part({{ geo }}, ',', 2)) as double) as longitude
{%- endmacro %}

{#- When the file landed: the UTC stamp in its name (trafic_20251026T011500Z.csv). -#}
{% macro landing_time(source_file) -%}
    try_strptime(regexp_extract({{ source_file }}, '([0-9]{8}T[0-9]{6})Z', 1), '%Y%m%dT%H%M%S')
{%- endmacro %}
