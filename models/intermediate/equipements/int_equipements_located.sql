{#- The data lines of the facility lists with WGS84 coordinates: Lambert-93
    transformed with the spatial extension (PROJ), WGS84 taken as is (swapped
    back when latitude and longitude were exchanged), an address-only line
    geocoded on the address referential (same commune, number and street). The
    bounds of a commune are the box of its addresses, widened by
    var('equipements_bounds_margin_degrees'). -#}
with

records as (
    select * from {{ ref('int_equipements_unioned') }}
    where record_type = 'data'
),

addresses as (
    select * from {{ ref('stg_ban__adresses') }}
),

bounds as (
    select
        code_insee,
        min(lon) - {{ var('equipements_bounds_margin_degrees') }} as lon_min,
        max(lon) + {{ var('equipements_bounds_margin_degrees') }} as lon_max,
        min(lat) - {{ var('equipements_bounds_margin_degrees') }} as lat_min,
        max(lat) + {{ var('equipements_bounds_margin_degrees') }} as lat_max
    from addresses
    group by code_insee
),

geocoded as (
    select
        records.*,
        addresses.lon as ban_lon,
        addresses.lat as ban_lat,
        -- France lies between 41 and 52 degrees north, -6 and 10 east: a
        -- "longitude" in the first range with a "latitude" in the second is swapped
        coalesce(
            records.crs = 'EPSG:4326'
            and records.coord_x between 41 and 52 and records.coord_y between -6 and 10,
            false
        ) as is_swapped
    from records
    left join addresses
        on
            records.crs is null
            and records.code_insee_fichier = addresses.code_insee
            and lower(trim(records.adr_numero)) = lower(trim(addresses.numero))
            and {{ comparable_label('records.adr_voie') }} = addresses.voie_cle
    -- an address listed twice in the referential gives one point
    qualify row_number() over (
            partition by records.source_file, records.line_number order by addresses.adresse_id
        ) = 1
),

points as (
    select
        *,
        case
            when crs = 'EPSG:2154'
                then st_transform(st_point(coord_x, coord_y), 'EPSG:2154', 'EPSG:4326', always_xy := true)
            when crs = 'EPSG:4326' and is_swapped then st_point(coord_y, coord_x)
            when crs = 'EPSG:4326' then st_point(coord_x, coord_y)
            when ban_lon is not null then st_point(ban_lon, ban_lat)
        end as point_wgs84,
        case
            when crs = 'EPSG:2154' then 'lambert93'
            when crs = 'EPSG:4326' and is_swapped then 'wgs84_swapped'
            when crs = 'EPSG:4326' then 'wgs84'
            when ban_lon is not null then 'adresse'
        end as localisation
    from geocoded
)

-- every column of the line, the point replaced by its coordinates
select
    points.* exclude (point_wgs84, ban_lon, ban_lat),  -- noqa: AM04, RF02
    round(st_x(points.point_wgs84), 6) as longitude,
    round(st_y(points.point_wgs84), 6) as latitude,
    points.point_wgs84 is not null and not coalesce(
        st_x(points.point_wgs84) between bounds.lon_min and bounds.lon_max
        and st_y(points.point_wgs84) between bounds.lat_min and bounds.lat_max,
        false
    ) as is_outside_commune
from points
left join bounds on points.code_insee_fichier = bounds.code_insee
