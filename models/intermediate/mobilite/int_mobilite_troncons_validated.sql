{#- Each line of the road segments' referential with its fate: a segment needs an
    id and a GeoJSON LineString of at least two points inside the territory's box;
    a segment listed twice keeps its first line. -#}
{%- set box = territoire_bounds() -%}

with

lines as (
    select
        *,
        try_cast(json_extract(geometrie_source, '$.coordinates') as double[][]) as points
    from {{ ref('stg_mobilite__troncons') }}
    where record_type = 'data'
),

measured as (
    select
        *,
        json_extract_string(geometrie_source, '$.type') as geometrie_type,
        len(list_filter(points, point -> len(point) = 2 and point[1] is not null and point[2] is not null))
        = len(points) as points_lisibles,
        list_min(list_transform(points, point -> point[1])) as lon_min,
        list_max(list_transform(points, point -> point[1])) as lon_max,
        list_min(list_transform(points, point -> point[2])) as lat_min,
        list_max(list_transform(points, point -> point[2])) as lat_max
    from lines
),

checked as (
    select
        *,
        case
            when parse_error is not null then parse_error
            when troncon_id is null then 'troncon_manquant'
            when
                coalesce(geometrie_type, '') <> 'LineString' or coalesce(len(points), 0) < 2
                or not points_lisibles
                then 'geometrie_invalide'
            when
                lon_min < {{ box.lon_min }} or lon_max > {{ box.lon_max }}
                or lat_min < {{ box.lat_min }} or lat_max > {{ box.lat_max }}
                then 'geometrie_hors_territoire'
            when longueur_m is null or longueur_m <= 0 then 'longueur_invalide'
        end as motif_controle,
        row_number() over (partition by troncon_id order by line_number) as rang
    from measured
)

select
    source_file,
    line_number,
    troncon_id,
    nom,
    hierarchie,
    longueur_m,
    points,
    case
        when motif_controle is not null then motif_controle
        when rang > 1 then 'doublon'
    end as motif_rejet,
    case
        when parse_error is not null then parse_error_detail
        when motif_controle = 'troncon_manquant' then 'identifiant du tronçon vide'
        when motif_controle = 'longueur_invalide' then 'longueur « ' || coalesce(longueur_source, '') || ' »'
        when motif_controle is not null and coalesce(geometrie_source, '') = '' then 'geo_shape vide'
        when motif_controle is not null
            then 'geo_shape « ' || left(geometrie_source, 80) || ' »'
        when rang > 1 then 'tronçon ' || troncon_id || ' déjà décrit plus haut dans le référentiel'
    end as detail_rejet
from checked
