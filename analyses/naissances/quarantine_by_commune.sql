-- What a data steward sends back to each commune: rejected birth records per
-- commune of registration and reason. Compile with `dbt compile` and run the SQL
-- in target/compiled/ against warehouse/spmd.duckdb.
with

rejected as (
    select * from {{ ref('naissances_rejected_rows') }}
),

communes as (
    select * from {{ ref('communes') }}
)

select
    rejected.code_insee_lieu_naissance,
    communes.nom as commune,
    rejected.rejection_reason,
    count(*) as rejected_rows,
    min(rejected.source_file) as first_file
from rejected
left join communes
    on rejected.code_insee_lieu_naissance = communes.code_insee
group by
    rejected.code_insee_lieu_naissance,
    communes.nom,
    rejected.rejection_reason
order by rejected_rows desc
