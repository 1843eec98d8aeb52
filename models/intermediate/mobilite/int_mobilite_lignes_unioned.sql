{{ config(materialized='view') }}
{#- Every staged line of the three real-time feeds, with what the micro-batch
    models need to know what to recompute: when it was loaded (charge_le) and
    the window it falls in (fenetre_utc). A filter on charge_le reaches the
    staging tables themselves. -#}

with

lines as (
    {%- for feed, model, instant in [
        ('trafic', 'stg_mobilite__trafic', 'mesure_utc'),
        ('parkings', 'stg_mobilite__parkings', 'releve_utc'),
        ('compteurs', 'stg_mobilite__compteurs', 'debut_utc')] %}
        select
            '{{ feed }}' as flux,
            source_file,
            line_number,
            record_type,
            parse_error,
            parse_error_detail,
            recu_le_utc,
            charge_le,
            {{ instant }} as instant_utc,
            fenetre_utc
        from {{ ref(model) }}
        {{ "union all" if not loop.last }}
    {%- endfor %}
)

select * from lines
