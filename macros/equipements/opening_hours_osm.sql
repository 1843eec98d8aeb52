{#- Opening hours written freely by a commune ("lun-ven 9h-12h / 14h-18h",
    "mar, jeu 14h-18h ; sam 10h-12h", "24h/24") in the OpenStreetMap
    opening_hours form SCDL asks for ("Mo-Fr 09:00-12:00,14:00-18:00"), or null
    when the text is not understood (it is then not published, never guessed). -#}
{% macro opening_hours_osm(expression) -%}
    {%- set days = [('lun', 'Mo'), ('mar', 'Tu'), ('mer', 'We'), ('jeu', 'Th'), ('ven', 'Fr'),
                    ('sam', 'Sa'), ('dim', 'Su')] -%}
    {%- set ns = namespace(text="lower(strip_accents(trim(" ~ expression ~ ")))") -%}
    {%- for fr, en in days -%}
        {%- set ns.text = "regexp_replace(" ~ ns.text ~ ", '(^|[^a-z])" ~ fr ~ "[a-z]*\\.?', '\\1" ~ en ~ "', 'g')" -%}
    {%- endfor -%}
    {#- 9h30 -> 9:30, 9h -> 9:00, then one-digit hours padded -#}
    {%- set ns.text = "regexp_replace(" ~ ns.text ~ ", '([0-9])h([0-9]{2})', '\\1:\\2', 'g')" -%}
    {%- set ns.text = "regexp_replace(" ~ ns.text ~ ", '([0-9])h', '\\1:00', 'g')" -%}
    {%- set ns.text = "regexp_replace(" ~ ns.text ~ ", '(^|[^0-9])([0-9]:)', '\\10\\2', 'g')" -%}
    {%- set ns.text = "regexp_replace(" ~ ns.text ~ ", '\\s*-\\s*', '-', 'g')" -%}
    {%- set ns.text = "regexp_replace(" ~ ns.text ~ ", '\\s*/\\s*', ',', 'g')" -%}
    {%- set ns.text = "regexp_replace(" ~ ns.text ~ ", '\\s*,\\s*', ',', 'g')" -%}
    {%- set ns.text = "regexp_replace(" ~ ns.text ~ ", '\\s*;\\s*', '; ', 'g')" -%}
    {%- set day = "(?:Mo|Tu|We|Th|Fr|Sa|Su)" -%}
    {%- set span = "[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]" -%}
    {%- set rule = day ~ "(?:[-,]" ~ day ~ ")* " ~ span ~ "(?:," ~ span ~ ")*" -%}
    case
        when regexp_full_match(lower(trim({{ expression }})), '24 ?h ?/ ?24(,? ?7 ?j ?/ ?7)?') then '24/7'
        when regexp_full_match({{ ns.text }}, '{{ rule }}(?:; {{ rule }})*')
            then {{ ns.text }}
    end
{%- endmacro %}
