with

format_a as (
    select * from {{ ref('stg_subventions__format_a') }}
),

format_b as (
    select * from {{ ref('stg_subventions__format_b') }}
),

unioned as (
    select * from format_a
    union all by name
    select * from format_b
)

-- the formats have the same columns by construction (standardise_*)
select * from unioned  -- noqa: AM04
