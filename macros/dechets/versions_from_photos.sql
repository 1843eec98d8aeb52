{#-
    SCD2 versions of the rows of daily full "photos" (bins, producers). The
    project's rule, not the datafactory's (which overwrites the attributes in place and opens
    a version only when the producer changes; docs block dechets_versions); on
    the sample of the datafactory's pipeline (../shared/samples/rennes_datafactory/
    dechets_ref_*_output_expected.csv, a change of producer) both agree:

    - a version per change of any attribute: consecutive photos holding the same
      attributes for a key are one version; a change starts a new one;
    - valide_du = date of the first photo of the version; valide_au = date of the
      first photo that no longer holds it (changed, or the key is absent), null
      while the last photo holds it (an exclusive end: valid on d when
      valide_du <= d < valide_au);
    - a key absent from a photo and back later starts a new version;
    - an ambiguous row (the key twice in one photo: quarantined) neither changes
      nor ends the version: it carries it.

    The photos come compacted (macro photo_changes): a key holds the state of its
    latest kept line until its next event, a kept line or an absence.
    validated_relation: the kept photo lines, validated (key, date_photo, the
    attributes, rejection_reason); staging_relation: the staging model, for its
    `absence` and `photo` rows; ambiguous_reason: the rejection of a key listed
    twice in a photo. The photos are the dates with a valid line (a missing day is
    no photo: it ends nothing).
-#}
{% macro versions_from_photos(validated_relation, staging_relation, key, attributes, ambiguous_reason) -%}
    with photos as (
        select
            date_photo,
            row_number() over (order by date_photo) as photo_rank
        from (select distinct date_photo from {{ staging_relation }} where record_type = 'photo')
    ),

    events as (
        -- per key and photo: its state, carried (ambiguous: no state), or absent
        select
            {{ key }},
            date_photo,
            struct_pack({% for a in attributes %}{{ a }} := {{ a }}{{ ", " if not loop.last }}{% endfor %}) as state,
            false as is_absence
        from {{ validated_relation }}
        where rejection_reason is null
        union all
        select distinct
            {{ key }},
            date_photo,
            null as state,
            false as is_absence
        from {{ validated_relation }}
        where rejection_reason = '{{ ambiguous_reason }}'
        union all
        select
            {{ key }},
            date_photo,
            null as state,
            true as is_absence
        from {{ staging_relation }}
        where record_type = 'absence'
    ),

    carried as (
        -- an ambiguous row carries the state before it, within a stretch of presence
        select
            *,
            last_value(state ignore nulls) over (
                partition by {{ key }}, stretch order by date_photo
                rows between unbounded preceding and current row
            ) as effective_state
        from (
            select
                *,
                sum(is_absence::integer) over (partition by {{ key }} order by date_photo) as stretch
            from events
        ) as stretches
    ),

    segments as (
        -- a segment starts where the effective state changes (an absence, or a
        -- stretch starting on an ambiguous row, is a segment without state)
        select
            *,
            sum(case when effective_state is not distinct from previous_state then 0 else 1 end)
                over (partition by {{ key }} order by date_photo) as segment
        from (
            select
                *,
                lag(effective_state) over (partition by {{ key }} order by date_photo) as previous_state
            from carried
        ) as compared
    ),

    spans as (
        select
            {{ key }},
            any_value(effective_state) as state,
            min(date_photo) as valide_du
        from segments
        group by {{ key }}, segment
    ),

    versions as (
        select
            *,
            lead(valide_du) over (partition by {{ key }} order by valide_du) as valide_au
        from spans
    )

    select
        versions.{{ key }},
        {%- for a in attributes %}
        versions.state.{{ a }} as {{ a }},
        {%- endfor %}
        versions.valide_du,
        versions.valide_au,
        -- the photo before the end, or the last one
        coalesce(
            last_held.date_photo, (select max(photos.date_photo) from photos)
        ) as derniere_photo
    from versions
    left join photos as ending on versions.valide_au = ending.date_photo
    left join photos as last_held on ending.photo_rank - 1 = last_held.photo_rank
    where versions.state is not null
{%- endmacro %}
