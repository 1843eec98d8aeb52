{#- The weight of a lift that counts in the tonnages, before any re-estimation
    (docs block dechets_correction_poids). A weighing fault — a weight below
    zero, or outside the flow's limit — leaves the lift (the bin was collected)
    with a corrected weight of 0. The limit is the flow's choice (seed
    dechets_flux, limite_poids):
    - densite (the SPMD's rule): above what the bin can hold, its volume × the
      flow's maximum density, or a flat maximum when the volume is unknown;
    - fixe (the datafactory's rule): a weight not strictly between 0 and the flow's fixed
      maximum (a weight of 0 is a fault too, and is then re-estimated).
    Returns a struct {poids_corrige_kg, correction}. -#}
{% macro corrected_weight(weight, volume_litres, limit_rule, max_density, max_weight_unknown_volume, max_fixed) -%}
    case
        when {{ weight }} < 0
            then struct_pack(poids_corrige_kg := 0::decimal(10, 2), correction := 'poids_negatif')
        when {{ limit_rule }} = 'fixe' and {{ weight }} = 0
            then struct_pack(poids_corrige_kg := 0::decimal(10, 2), correction := 'poids_nul')
        when {{ limit_rule }} = 'fixe' and {{ weight }} >= {{ max_fixed }}
            then struct_pack(poids_corrige_kg := 0::decimal(10, 2), correction := 'au_dessus_limite')
        when {{ limit_rule }} = 'densite' and {{ volume_litres }} is not null
            and {{ weight }} > {{ volume_litres }} * {{ max_density }}
            then struct_pack(poids_corrige_kg := 0::decimal(10, 2), correction := 'au_dessus_capacite')
        when {{ limit_rule }} = 'densite' and {{ volume_litres }} is null
            and {{ weight }} > {{ max_weight_unknown_volume }}
            then struct_pack(poids_corrige_kg := 0::decimal(10, 2), correction := 'au_dessus_capacite')
        else struct_pack(poids_corrige_kg := {{ weight }}::decimal(10, 2), correction := null::varchar)
    end
{%- endmacro %}

{#- The line of the datafactory's default table (seed dechets_poids_par_defaut, joined as
    `default_table`) that gives a zeroed lift its weight: the lift's flow, and
    the range of bin volumes its volume is in, or the no-bin line (empty
    volumes) for a lift with no bin. -#}
{% macro default_weight_applies(flow, volume_litres, default_table) -%}
    {{ flow }} = {{ default_table }}.flux
    and (
        {{ volume_litres }} between {{ default_table }}.litrage_min and {{ default_table }}.litrage_max
        or ({{ volume_litres }} is null and {{ default_table }}.litrage_min is null)
    )
{%- endmacro %}
