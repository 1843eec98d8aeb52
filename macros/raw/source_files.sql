{#- The files a source rendered as read_blob('<glob>') would read, listed with
    glob() (which, unlike read_blob, accepts a glob that matches nothing): a model
    can then read an optional extract, and say it is missing, without failing. -#}
{% macro source_files(files_relation) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set found = modules.re.search("read_blob\\('([^']+)'\\)", files_relation | string) -%}
    {%- if found is none -%}
        {{ exceptions.raise_compiler_error("source_files needs a source rendered as read_blob('<glob>'), got " ~ files_relation) }}
    {%- endif -%}
    {%- set listing -%}
        select file from glob('{{ found.group(1) }}') order by file
    {%- endset -%}
    {{ return(run_query(listing).columns[0].values() | list) }}
{%- endmacro %}
