{#- A SIREN (9 digits) or SIRET (14 digits) valid as INSEE defines it, checked
    by python-stdnum as the official validator does (macros siren_is_valid,
    siret_is_valid). -#}
{% test valid_siren_siret(model, column_name) %}
with values_to_check as (
    select {{ column_name }} as identifier
    from {{ model }}
    where {{ column_name }} is not null
)

select identifier
from values_to_check
where not (
    (length(identifier) = 9 and {{ siren_is_valid('identifier') }})
    or (length(identifier) = 14 and {{ siret_is_valid('identifier') }})
)
{% endtest %}
