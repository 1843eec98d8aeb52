{#- Every uplink line, its measures read and judged: rejection_reason is the first
    check it fails, or null for a valid frame. The measures come from the frame's
    `data` (decoded by the network server with the sensor maker's codec), read as
    the seed capteurs_mesures says for the kind of sensor; only a frame whose
    `data` holds none of them is decoded from its hex payload, and only by a codec
    the project documents (docs block int_capteurs_trames_decoded). `measures` is
    the long format the datafactory derives: one {name, nature, value, unit, at} per
    reading, `at` the reading's own time (a history value is older than its frame). -#}
with

frames as (
    select * from {{ ref('stg_capteurs__trames') }}
),

sensors as (
    select * from {{ ref('capteurs_equipements') }}
),

measures_config as (
    select * from {{ ref('capteurs_mesures') }}
),

codecs as (
    select distinct
        type_capteur,
        codec_charge_utile
    from measures_config
    where codec_charge_utile is not null
),

typed as (
    select
        frames.*,
        sensors.code_insee,
        sensors.equipement_id,
        sensors.type_capteur,
        substr(frames.payload, 1, 2) as type_octet,
        try_cast('0x' || substr(frames.payload, 3, 2) as integer) as status_octet,
        coalesce(regexp_full_match(frames.payload, '([0-9a-f]{2})+'), false) as is_hex,
        case when json_type(frames.donnees) = 'OBJECT' then frames.donnees end as data_object
    from frames
    left join sensors on frames.deveui = sensors.deveui
),

-- one row per frame and measure configured for its kind of sensor: what `data` holds for it
configured as (
    select
        typed.source_file,
        typed.line_number,
        typed.horodatage,
        config.mesure,
        config.nature,
        config.forme,
        config.champ,
        config.periode,
        config.unite,
        config.pas_historique_minutes,
        typed.data_object ->> config.champ as valeur_source,
        typed.data_object ->> config.periode as periode_courante,
        -- a number, with or without its unit written after it ("81469kWh")
        try_cast(
            regexp_extract(
                typed.data_object ->> config.champ, '^\s*(-?[0-9]+(?:\.[0-9]+)?)\s*([^0-9\s]*)\s*$', 1
            )
            as double
        ) as valeur_index,
        regexp_extract(
            typed.data_object ->> config.champ, '^\s*(-?[0-9]+(?:\.[0-9]+)?)\s*([^0-9\s]*)\s*$', 2
        ) as unite_ecrite,
        list_filter(
            from_json(typed.data_object -> config.champ, '[{"name": "VARCHAR", "values": "JSON"}]'),
            element -> element.name = config.mesure
        )[1].values as serie_source
    from typed
    inner join measures_config as config on typed.type_capteur = config.type_capteur
    where typed.data_object is not null
),

read_values as (
    select
        *,
        -- the history as numbers (a value that is not one is null), read once: the checks below use it
        from_json(serie_source, '["DOUBLE"]') as serie,
        -- as the datafactory names a reading: PTCOUR1:HPE:EAP_s, or the measure alone
        coalesce(periode || ':' || periode_courante || ':', '') || mesure as nom_lecture,
        case
            when forme = 'index' and valeur_source is null then null
            when forme = 'index'
                and (valeur_index is null or (unite_ecrite <> '' and lower(unite_ecrite) <> lower(unite)))
                then champ || ' = "' || valeur_source || '": not a number in ' || unite
            when forme = 'index' and periode is not null and periode_courante is null
                then champ || ' without its tariff period (' || periode || ')'
            when forme = 'serie' and serie_source is null then null
            when forme = 'serie' and json_type(serie_source) <> 'ARRAY'
                then mesure || ': its values are not a list'
            when forme = 'serie'
                and (len(serie) = 0 or list_contains(list_transform(serie, v -> v is null), true))
                then mesure || ' = ' || serie_source::varchar || ': not a list of numbers'
            when forme = 'serie' and len(serie) > 1 and pas_historique_minutes is null
                then mesure || ': a history of values and no step in seed capteurs_mesures'
        end as probleme
    from configured
),

readings as (
    select
        source_file,
        line_number,
        string_agg(probleme, '; ' order by mesure) as probleme,
        flatten(list(
            case
                when probleme is not null then []
                when forme = 'index' and valeur_index is not null
                    then [{
                            'name': nom_lecture,
                            'nature': nature,
                            'value': valeur_index,
                            'unit': unite,
                            'at': horodatage
                        }]
                when forme = 'serie' and serie is not null
                    then list_transform(
                            range(len(serie)),
                            i -> {
                                'name': mesure,
                                'nature': nature,
                                'value': serie[i + 1],
                                'unit': unite,
                                'at': horodatage
                                - to_minutes((i * coalesce(pas_historique_minutes, 0))::bigint)
                            }
                        )
                else []
            end
            order by mesure
        )) as from_data
    from read_values
    group by source_file, line_number
),

decoded as (
    select
        typed.*,
        readings.probleme,
        readings.from_data,
        codecs.codec_charge_utile,
        typed.type_capteur in (select config.type_capteur from measures_config as config)
            as is_configured_type,
        case
            when typed.type_octet = '57' then 4 + 4 * (1 + ((typed.status_octet & 16) > 0)::integer)
        end as expected_length,
        -- the one codec the project decodes itself: Adeunis thermometers (docs/formats/capteurs.md)
        case
            when codecs.codec_charge_utile = '57' and typed.type_octet = '57'
                then list_transform(
                        range(1, 2 + ((typed.status_octet & 16) > 0)::integer),
                        i -> {
                            'name': 'temperature ' || i,
                            'nature': 'temperature',
                            'value': (
                                try_cast('0x' || substr(typed.payload, 1 + 4 * i, 4) as integer)
                                - case when try_cast('0x' || substr(typed.payload, 1 + 4 * i, 4) as integer)
                                        >= 32768
                                        then 65536
                                    else 0
                                end
                            ) / 10.0,
                            'unit': '°C',
                            'at': typed.horodatage
                        }
                    )
        end as from_payload
    from typed
    left join readings
        on typed.source_file = readings.source_file and typed.line_number = readings.line_number
    left join codecs on typed.type_capteur = codecs.type_capteur
),

failed_checks as (
    select
        *,
        coalesce(len(from_data), 0) > 0 as reads_data,
        case
            when parse_error is not null then parse_error
            when deveui is null or horodatage is null then 'invalid_frame'
            when equipement_id is null then 'unmapped_sensor'
            when not is_configured_type then 'unconfigured_sensor_type'
            when probleme is not null then 'unreadable_measure'
            when coalesce(len(from_data), 0) > 0 then null
            when from_payload is not null and (not is_hex or length(payload) <> expected_length)
                then 'malformed_payload'
            when from_payload is not null then null
            when data_object is not null and len(json_keys(data_object)) > 0 then 'no_configured_measure'
            else 'undecoded_payload'
        end as failed_check,
        case
            when parse_error = 'unreadable_file' then 'the file is binary (NUL bytes), not JSON lines'
            when parse_error is not null then 'the line is not a JSON object'
            when deveui is null or horodatage is null
                then 'no sensor id or no readable timestamp: ' || coalesce(horodatage_source, '(empty)')
            when equipement_id is null then 'sensor ' || deveui || ' is not in seed capteurs_equipements'
            when not is_configured_type
                then 'sensor type ' || type_capteur || ' has no measure in seed capteurs_mesures'
            when probleme is not null then probleme
            when coalesce(len(from_data), 0) > 0 then null
            when from_payload is not null and (not is_hex or length(payload) <> expected_length)
                then 'payload ' || coalesce(payload, '(empty)') || ': ' || length(payload)::varchar
                    || ' hex digits, ' || coalesce(expected_length::varchar, '?') || ' expected'
            when from_payload is not null then null
            when data_object is not null and len(json_keys(data_object)) > 0
                then 'data fields ' || array_to_string(list_sort(json_keys(data_object)), ', ')
                    || ': none is a measure of ' || type_capteur || ' in seed capteurs_mesures'
            else 'no decoded data, and payload type ' || coalesce(type_octet, '(empty)')
                || ' has no codec of the project for ' || type_capteur
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
    case
        when failed_check is not null or occurrence > 1 then null
        when reads_data then 'data'
        else 'charge_utile'
    end as source_mesures,
    case
        when failed_check is null and occurrence = 1
            then case when reads_data then from_data else from_payload end
    end as measures,
    coalesce(failed_check, case when occurrence > 1 then 'duplicate_frame' end) as rejection_reason,
    coalesce(
        failed_check_detail, case when occurrence > 1 then 'frame already received' end
    ) as rejection_detail
from ranked
