{#- The map of the traffic needs the segments' referential: a build without any
    published segment says so (a warning: the speeds are published all the same). -#}
{{ config(severity='warn') }}

select 'no road segment published: is mobilite/referentiel/troncons.csv missing?' as problem
where not exists (select 1 from {{ ref('mobilite_troncons') }})
