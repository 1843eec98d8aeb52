{#- One row per grants file received, with what was found in it. -#}
{{ files_checked(ref('int_subventions_unioned'), 'grant') }}
