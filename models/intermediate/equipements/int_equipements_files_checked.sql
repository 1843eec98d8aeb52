{#- One row per facility list received, with what was found in it. -#}
{{ files_checked(ref('int_equipements_unioned'), 'facility') }}
