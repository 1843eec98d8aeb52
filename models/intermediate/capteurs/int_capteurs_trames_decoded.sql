{#- Every uplink line, its payload decoded by sensor type and judged:
    rejection_reason is the first check it fails, or null for a valid frame.
    Payloads (docs/formats/capteurs.md): 57 = thermometer (status byte: bits 7-5
    frame counter, bit 4 second channel; then one signed 16-bit value per
    channel, 0.1 °C); 4e = energy meter (status byte; EAP_i and EAP_s, unsigned
    32-bit, Wh). `measures` is the long format Rennes derives: one
    {name, value, unit} per measure. -#}
with

frames as (
    select * from {{ ref('stg_capteurs__trames') }}
),

sensors as (
    select * from {{ ref('capteurs_equipements') }}
),

typed as (
    select
        frames.*,
        sensors.code_insee,
        sensors.equipement_id,
        sensors.type_capteur,
        substr(frames.payload, 1, 2) as type_octet,
        try_cast('0x' || substr(frames.payload, 3, 2) as integer) as status_octet,
        coalesce(regexp_full_match(frames.payload, '([0-9a-f]{2})+'), false) as is_hex
    from frames
    left join sensors on frames.deveui = sensors.deveui
),

decoded as (
    select
        *,
        case type_octet
            when '57' then 4 + 4 * (1 + ((status_octet & 16) > 0)::integer)
            when '4e' then 20
        end as expected_length,
        case type_octet
            when '57'
                then list_transform(
                        range(1, 2 + ((status_octet & 16) > 0)::integer),
                        i -> {
                            'name': 'temperature ' || i,
                            'value': (
                                try_cast('0x' || substr(payload, 1 + 4 * i, 4) as integer)
                                - case when try_cast('0x' || substr(payload, 1 + 4 * i, 4) as integer)
                                        >= 32768
                                        then 65536
                                    else 0
                                end
                            ) / 10.0,
                            'unit': '°C'
                        }
                    )
            when '4e' then [
                    {
                        'name': 'PTCOUR1:HPE:EAP_i',
                        'value': try_cast('0x' || substr(payload, 5, 8) as bigint)::double,
                        'unit': 'Wh'
                    },
                    {
                        'name': 'PTCOUR1:HPE:EAP_s',
                        'value': try_cast('0x' || substr(payload, 13, 8) as bigint)::double,
                        'unit': 'Wh'
                    }
                ]
        end as measures
    from typed
),

failed_checks as (
    select
        *,
        case
            when parse_error is not null then parse_error
            when deveui is null or horodatage is null then 'invalid_frame'
            when equipement_id is null then 'unmapped_sensor'
            when type_octet not in ('57', '4e') then 'unknown_payload_type'
            when not is_hex or length(payload) <> expected_length then 'malformed_payload'
        end as failed_check,
        case
            when parse_error = 'unreadable_file' then 'the file is binary (NUL bytes), not JSON lines'
            when parse_error is not null then 'the line is not a JSON object'
            when deveui is null or horodatage is null
                then 'no sensor id or no readable timestamp: ' || coalesce(horodatage_source, '(empty)')
            when equipement_id is null then 'sensor ' || deveui || ' is not in seed capteurs_equipements'
            when type_octet not in ('57', '4e') then 'payload type ' || coalesce(type_octet, '(empty)')
            when not is_hex or length(payload) <> expected_length
                then 'payload ' || coalesce(payload, '(empty)') || ': ' || length(payload)::varchar
                    || ' hex digits, ' || coalesce(expected_length::varchar, '?') || ' expected'
        end as failed_check_detail
    from decoded
),

ranked as (
    select
        *,
        -- a frame received twice (same sensor, same time) counts once
        row_number() over (
            partition by failed_check is null, deveui, horodatage order by source_file, line_number
        ) as occurrence
    from failed_checks
)

select
    source_file,
    line_number,
    deveui,
    horodatage,
    code_insee,
    equipement_id,
    type_capteur,
    type_octet,
    payload,
    case when failed_check is null and occurrence = 1 then measures end as measures,
    coalesce(failed_check, case when occurrence > 1 then 'duplicate_frame' end) as rejection_reason,
    coalesce(
        failed_check_detail, case when occurrence > 1 then 'frame already received' end
    ) as rejection_detail
from ranked
