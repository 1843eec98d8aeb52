{#- Nothing lost: every data line of every facility list is a valid facility or a
    quarantined row, never both; every uplink line is a frame whose measures are in
    fct_capteurs_mesures or a quarantined row, never both. (A valid facility of an
    older send is replaced by the commune's next send: it is in the snapshot's
    history, not lost.) Returns what does not reconcile. -#}
with

facility_lines as (
    select
        'equipements' as flux,
        read_lines.source_file,
        read_lines.line_number,
        (validated.line_number is not null)::integer as is_valid,
        (quarantined.line_number is not null)::integer as is_rejected
    from {{ ref('int_equipements_unioned') }} as read_lines
    left join {{ ref('int_equipements_validated') }} as validated
        on
            read_lines.source_file = validated.source_file
            and read_lines.line_number = validated.line_number
            and validated.rejection_reason is null
    left join {{ ref('equipements_rejected_rows') }} as quarantined
        on
            read_lines.source_file = quarantined.source_file
            and read_lines.line_number = quarantined.line_number
    where read_lines.record_type = 'data'
),

measured_frames as (
    select distinct
        source_file,
        line_number
    from {{ ref('fct_capteurs_mesures') }}
),

frame_lines as (
    select
        'capteurs' as flux,
        read_lines.source_file,
        read_lines.line_number,
        (measured_frames.line_number is not null)::integer as is_valid,
        (quarantined.line_number is not null)::integer as is_rejected
    from {{ ref('int_capteurs_trames_decoded') }} as read_lines
    left join measured_frames
        on
            read_lines.source_file = measured_frames.source_file
            and read_lines.line_number = measured_frames.line_number
    left join {{ ref('capteurs_rejected_rows') }} as quarantined
        on
            read_lines.source_file = quarantined.source_file
            and read_lines.line_number = quarantined.line_number
),

all_lines as (
    select * from facility_lines
    union all
    select * from frame_lines
)

select
    flux,
    source_file,
    line_number,
    'valid ' || is_valid || ', quarantined ' || is_rejected as problem
from all_lines
where is_valid + is_rejected <> 1
