{#- The weight of a lift that counts in the tonnages (docs block
    dechets_correction_poids). A weight below zero, or above what the bin can
    hold (its volume × the flow's maximum density, or a flat maximum when the
    volume is unknown), is a weighing fault: the lift stays (the bin was
    collected) with a corrected weight of 0. Returns a struct
    {poids_corrige_kg, correction}. -#}
{% macro corrected_weight(weight, volume_litres, max_density, max_weight_unknown_volume) -%}
    case
        when {{ weight }} < 0
            then struct_pack(poids_corrige_kg := 0::decimal(10, 2), correction := 'poids_negatif')
        when {{ volume_litres }} is not null and {{ weight }} > {{ volume_litres }} * {{ max_density }}
            then struct_pack(poids_corrige_kg := 0::decimal(10, 2), correction := 'au_dessus_capacite')
        when {{ volume_litres }} is null and {{ weight }} > {{ max_weight_unknown_volume }}
            then struct_pack(poids_corrige_kg := 0::decimal(10, 2), correction := 'au_dessus_capacite')
        else struct_pack(poids_corrige_kg := {{ weight }}::decimal(10, 2), correction := null::varchar)
    end
{%- endmacro %}
