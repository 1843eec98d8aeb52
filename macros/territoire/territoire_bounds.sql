{#- The territory's box (WGS 84 degrees) of the métropole profile, from the vars
    territoire_lon_min .. territoire_lat_max (the profile's settings; a unit test
    overrides them): a dict of numbers, refused when it is not a box. -#}
{% macro territoire_bounds() %}
    {%- set box = {} -%}
    {%- for key in ['lon_min', 'lon_max', 'lat_min', 'lat_max'] -%}
        {%- set raw = var('territoire_' ~ key) -%}
        {%- set value = raw | float(none) if raw is string else raw -%}
        {%- if value is none -%}
            {{ exceptions.raise_compiler_error("var territoire_" ~ key ~ " = '" ~ raw ~ "' is not a number of degrees (the profile's SPMD_METROPOLE_" ~ key | upper ~ ")") }}
        {%- endif -%}
        {%- do box.update({key: value | float}) -%}
    {%- endfor -%}
    {%- if not (box.lon_min < box.lon_max and box.lat_min < box.lat_max) -%}
        {{ exceptions.raise_compiler_error("the territory's box " ~ box ~ " is not a box (min < max)") }}
    {%- endif -%}
    {{ return(box) }}
{% endmacro %}
