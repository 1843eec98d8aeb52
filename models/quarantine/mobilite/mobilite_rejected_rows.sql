{{ config(materialized='view') }}
{#- Every line of the real-time feeds (and of the segments' referential) that is
    not used, with its reason. A view:
    the micro-batch loop never pays for it, and it is always in step with the
    batches staged (a duplicate is decided by landing time, so a batch landing
    late can move the duplicate to a batch processed before it). -#}

with

rejected as (
    {%- for feed, model, instant, key in [
        ('trafic', 'int_mobilite_trafic_validated', 'mesure_utc', 'troncon_id'),
        ('parkings', 'int_mobilite_parkings_validated', 'releve_utc', 'parking_id'),
        ('compteurs', 'int_mobilite_comptages_validated', 'debut_utc', 'canal_id')] %}
        select
            '{{ feed }}' as flux,
            source_file,
            line_number,
            recu_le_utc,
            motif_rejet as rejection_reason,
            detail_rejet as rejection_detail,
            {{ key }} as cle,
            horodatage_source,
            {{ instant }} as instant_utc
        from {{ ref(model) }}
        where motif_rejet is not null
        union all
    {%- endfor %}
    -- the road segments' referential: no batch, no instant
    select
        'troncons' as flux,
        source_file,
        line_number,
        null::timestamp as recu_le_utc,
        motif_rejet as rejection_reason,
        detail_rejet as rejection_detail,
        troncon_id as cle,
        null::varchar as horodatage_source,
        null::timestamp as instant_utc
    from {{ ref('int_mobilite_troncons_validated') }}
    where motif_rejet is not null
)

select * from rejected
