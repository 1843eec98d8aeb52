with

format_a as (
    select * from {{ ref('stg_equipements__format_a') }}
),

format_b as (
    select * from {{ ref('stg_equipements__format_b') }}
),

format_c as (
    select * from {{ ref('stg_equipements__format_c') }}
),

unioned as (
    select * from format_a
    union all by name
    select * from format_b
    union all by name
    select * from format_c
)

-- the formats have the same columns by construction (standardise_facility)
select * from unioned  -- noqa: AM04
