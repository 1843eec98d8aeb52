{#- One row per births file received, with what was found in it. -#}
{{ files_checked(ref('int_naissances_unioned'), 'birth record') }}
