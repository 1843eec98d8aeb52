{#- A guard of the métropole profile: the model fails when, among at least min_rows
    located rows, more than var('territoire_hors_zone_max_part') lie outside the
    territory's box. A few outliers are flagged rows; most of them mean that the
    profile's box, or the extracts, are another métropole's. Either a flag column
    (outside_flag, true when outside) or the longitude and latitude columns. -#}
{% test mostly_inside_territory(model, outside_flag=none, longitude=none, latitude=none, min_rows=100) %}
{%- if outside_flag is none and (longitude is none or latitude is none) -%}
    {{ exceptions.raise_compiler_error("mostly_inside_territory needs outside_flag, or longitude and latitude") }}
{%- endif -%}
{%- set box = territoire_bounds() %}
with

located as (
    select
        {%- if outside_flag is not none %}
        coalesce({{ outside_flag }}, true) as dehors
        {%- else %}
        not ({{ longitude }} between {{ box.lon_min }} and {{ box.lon_max }}
            and {{ latitude }} between {{ box.lat_min }} and {{ box.lat_max }}) as dehors
        {%- endif %}
    from {{ model }}
    {%- if outside_flag is none %}
    where {{ longitude }} is not null and {{ latitude }} is not null
    {%- endif %}
),

counted as (
    select
        count(*) as lignes_localisees,
        count(*) filter (where dehors) as lignes_hors_territoire
    from located
)

select
    lignes_localisees,
    lignes_hors_territoire,
    round(lignes_hors_territoire / lignes_localisees, 3) as part_hors_territoire,
    '{{ box.lon_min }} .. {{ box.lon_max }} x {{ box.lat_min }} .. {{ box.lat_max }}' as boite_du_profil
from counted
where
    lignes_localisees >= {{ min_rows }}
    and lignes_hors_territoire > {{ var('territoire_hors_zone_max_part') }} * lignes_localisees
{% endtest %}
