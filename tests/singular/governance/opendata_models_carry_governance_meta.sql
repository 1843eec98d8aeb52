{#- PRIVACY.md, governance meta on every published model: a public model without
    its owner, producer, licence, anonymisation (method, k, quasi-identifiers,
    review date under 12 months), legal basis, frequency, theme, keywords,
    catalogue entries (titre, granularite, temporal_column) and national schema
    key fails the build; so does one without an enforced
    contract or without the privacy tests that read its meta. -#}
{%- set required = ['owner', 'producteur', 'derived_from_personal_data', 'anonymisation',
                    'legal_basis', 'licence', 'update_frequency', 'theme', 'keywords',
                    'titre', 'granularite'] -%}
{%- set problems = [] -%}
{%- set today = modules.datetime.date.fromisoformat(run_started_at.strftime('%Y-%m-%d')) -%}
{%- for node in published_models() -%}
    {%- set meta = node.config.meta -%}
    {%- for key in required -%}
        {%- if meta.get(key) is none or meta.get(key) == '' -%}
            {%- do problems.append((node.name, 'meta.' ~ key ~ ' missing')) -%}
        {%- endif -%}
    {%- endfor -%}
    {#- null temporal_column: the dataset is a current state (catalogued for its publication year) -#}
    {%- if 'temporal_column' not in meta -%}
        {%- do problems.append((node.name, 'meta.temporal_column missing (null for a current state)')) -%}
    {%- endif -%}
    {%- if 'national_schema' not in meta -%}
        {%- do problems.append((node.name, 'meta.national_schema missing (null when none applies)')) -%}
    {%- endif -%}
    {#- the catalogue's frequencies (spmd/catalogue.py FREQUENCIES) -#}
    {%- if meta.get('update_frequency') not in ['annual', 'monthly', 'weekly', 'daily', 'continuous'] -%}
        {%- do problems.append((node.name, 'meta.update_frequency must be annual, monthly, weekly, daily or continuous')) -%}
    {%- endif -%}
    {%- if meta.get('licence') not in ['etalab-2.0', 'odbl-1.0'] -%}
        {%- do problems.append((node.name, 'meta.licence must be etalab-2.0 or odbl-1.0')) -%}
    {%- endif -%}
    {%- set producer = meta.get('producteur') or {} -%}
    {%- if not producer.get('nom') or not producer.get('siret') -%}
        {%- do problems.append((node.name, 'meta.producteur needs nom and siret')) -%}
    {%- endif -%}
    {%- set anonymisation = meta.get('anonymisation') or {} -%}
    {%- for key in ['method', 'k', 'quasi_identifiers', 'reviewed_on'] -%}
        {%- if anonymisation.get(key) is none -%}
            {%- do problems.append((node.name, 'meta.anonymisation.' ~ key ~ ' missing')) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for column in anonymisation.get('quasi_identifiers') or [] -%}
        {%- if column not in node.columns -%}
            {%- do problems.append((node.name, 'quasi-identifier ' ~ column ~ ' is not a documented column')) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if anonymisation.get('reviewed_on') -%}
        {%- set reviewed = modules.datetime.date.fromisoformat(anonymisation.reviewed_on | string) -%}
        {%- if (today - reviewed).days > 365 -%}
            {%- do problems.append((node.name, 'anonymisation reviewed on ' ~ reviewed ~ ', more than 12 months ago')) -%}
        {%- endif -%}
    {%- endif -%}
    {%- if not node.config.contract.enforced -%}
        {%- do problems.append((node.name, 'contract not enforced')) -%}
    {%- endif -%}
    {%- set attached = [] -%}
    {%- for test in graph.nodes.values() if test.resource_type == 'test' and test.attached_node == node.unique_id -%}
        {%- do attached.append(test.test_metadata.name if test.test_metadata else test.name) -%}
    {%- endfor -%}
    {%- for needed in ['min_group_size', 'no_pii_patterns'] -%}
        {%- if needed not in attached -%}
            {%- do problems.append((node.name, 'privacy test ' ~ needed ~ ' not attached')) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endfor %}

{{ problems_as_rows(problems) }}
