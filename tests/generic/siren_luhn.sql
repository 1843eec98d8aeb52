{#- A SIREN (9 digits) or SIRET (14 digits) with a valid Luhn key. -#}
{% test siren_luhn(model, column_name) %}
with values_to_check as (
    select {{ column_name }} as identifier
    from {{ model }}
    where {{ column_name }} is not null
)

select identifier
from values_to_check
where not {{ regex_full_match('identifier', '[0-9]{9}([0-9]{5})?') }}
    or not {{ luhn_is_valid('identifier') }}
{% endtest %}
