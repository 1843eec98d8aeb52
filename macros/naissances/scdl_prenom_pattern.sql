{#- ENFANT_PRENOM pattern of SCDL prénoms v1.1.6 (schemas/scdl-prenoms.json). A
    first name that does not match it cannot be published and is quarantined. -#}
{% macro scdl_prenom_pattern() -%}
    {{- return("^'?[A-ZÉÀÈÙÄËÏÖÜŸÂÊÎÔÛŶÇŒÆ][a-zéàèùäëïüöÿâêîôûŷçæœ]*(|'|(('[A-ZÉÀÈÙÄËÏÖÜŸÂÊÎÔÛŶÇŒÆa-zéàèùäëïüöÿâêîôûŷçæœ][a-zéàèùäëïüöÿâêîôûŷçæœ]*'?){1,2}|(-[A-ZÉÀÈÙÄËÏÖÜŸÂÊÎÔÛŶÇŒÆ][a-zéàèùäëïüöÿâêîôûŷçæœ]*'?){1,2}){1,5})$") -}}
{%- endmacro %}
