{#- One row per council-decisions file received, with what was found in it. -#}
{{ files_checked(ref('int_deliberations_unioned'), 'decision') }}
