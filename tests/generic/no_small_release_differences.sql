{#- PRIVACY.md, successive releases: no count of the model differs from the same
    count in the previous release (the last published Parquet file, in
    $SPMD_PREVIOUS_RELEASE_DIR, default exports/opendata) by 1..k-1, k from the
    model's meta.anonymisation. No previous release: nothing to compare. -#}
{% test no_small_release_differences(model, column_name, keys) %}
{%- set node = node_of_relation(model) -%}
{%- set k = ((node.config.meta.get('anonymisation') or {}).get('k') if node else none) or 11 -%}
{%- set previous = env_var('SPMD_PREVIOUS_RELEASE_DIR', 'exports/opendata') ~ '/' ~ model.identifier ~ '.parquet' -%}
{%- set has_previous = execute and run_query("select count(*) from glob('" ~ previous ~ "')").columns[0].values()[0] > 0 -%}
{%- if has_previous %}
select
    {% for key in keys %}current_release.{{ key }}, {% endfor %}
    previous_release.{{ column_name }} as previous_count,
    current_release.{{ column_name }} as current_count
from {{ model }} as current_release
inner join read_parquet('{{ previous }}') as previous_release
    on {% for key in keys %}current_release.{{ key }} = previous_release.{{ key }}{{ " and " if not loop.last }}{% endfor %}
where abs(current_release.{{ column_name }} - previous_release.{{ column_name }}) between 1 and {{ k - 1 }}
{%- else %}
select null as no_previous_release where false
{%- endif %}
{% endtest %}
