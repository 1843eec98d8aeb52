{#-
    SCD2 versions of the rows of daily full "photos" (bins, producers), with the
    semantics of Rennes' own pipeline (../shared/samples/rennes_datafactory/
    dechets_ref_*_output_expected.csv):

    - a version per change: consecutive photos holding the same attributes for a
      key are one version; a change starts a new one;
    - valide_du = date of the first photo of the version; valide_au = date of the
      first photo that no longer holds it (changed, or the key is absent), null
      while the last photo holds it (an exclusive end: valid on d when
      valide_du <= d < valide_au);
    - a key absent from a photo and back later starts a new version;
    - an ambiguous row (the key twice in one photo: quarantined) neither changes
      nor ends the version: it carries it.

    validated_relation: the validated photo lines (key, date_photo, the
    attributes, rejection_reason); ambiguous_reason: the rejection of a key
    listed twice in a photo. The photos are the days with a valid line (a
    missing day is no photo: it ends nothing).
-#}
{% macro versions_from_photos(validated_relation, key, attributes, ambiguous_reason) -%}
    with rows_ as (
        select
            *,
            coalesce(rejection_reason = '{{ ambiguous_reason }}', false) as is_ambiguous
        from {{ validated_relation }}
        where rejection_reason is null or rejection_reason = '{{ ambiguous_reason }}'
    ),

    photos as (
        select
            date_photo,
            row_number() over (order by date_photo) as photo_rank
        from (select distinct date_photo from rows_ where not is_ambiguous)
    ),

    presence as (
        -- one row per key and photo: an ambiguous key (several rows that day)
        -- counts once, without a state
        select
            rows_.{{ key }},
            rows_.date_photo,
            photos.photo_rank,
            struct_pack({% for a in attributes %}{{ a }} := rows_.{{ a }}{{ ", " if not loop.last }}{% endfor %}) as state
        from rows_
        inner join photos on rows_.date_photo = photos.date_photo
        where not rows_.is_ambiguous
        union all
        select distinct
            rows_.{{ key }},
            rows_.date_photo,
            photos.photo_rank,
            null as state
        from rows_
        inner join photos on rows_.date_photo = photos.date_photo
        where rows_.is_ambiguous
    ),

    -- most keys hold one state in an unbroken run of photos: one aggregate finds
    -- them and their single version; only the others need the run analysis
    per_state as (
        select
            {{ key }},
            state,
            count(*) as photos_held,
            min(photo_rank) as first_rank,
            max(photo_rank) as last_rank,
            min(date_photo) as first_date,
            max(date_photo) as last_date
        from presence
        group by {{ key }}, state
    ),

    simple_keys as (
        select {{ key }}
        from per_state
        group by {{ key }}
        having count(*) = 1 and bool_and(state is not null) and bool_and(photos_held = last_rank - first_rank + 1)
    ),

    simple_versions as (
        select
            per_state.{{ key }},
            per_state.state,
            per_state.first_date as valide_du,
            per_state.last_date as derniere_photo,
            per_state.last_rank
        from per_state
        semi join simple_keys on per_state.{{ key }} = simple_keys.{{ key }}
    ),

    islands as (
        -- runs of consecutive photos holding the key
        select
            *,
            sum(case when photo_rank = previous_rank + 1 then 0 else 1 end)
                over (partition by {{ key }} order by photo_rank) as island
        from (
            select
                presence.*,
                lag(presence.photo_rank) over (partition by presence.{{ key }} order by presence.photo_rank)
                    as previous_rank
            from presence
            anti join simple_keys on presence.{{ key }} = simple_keys.{{ key }}
        )
    ),

    carried as (
        -- an ambiguous row (no state) carries the state before it
        select
            *,
            last_value(state ignore nulls) over (
                partition by {{ key }}, island order by photo_rank
                rows between unbounded preceding and current row
            ) as effective_state
        from islands
    ),

    compared as (
        select
            *,
            lag(effective_state) over (partition by {{ key }}, island order by photo_rank) as previous_state
        from carried
    ),

    changes as (
        -- a version starts with an island, or where the state changes within one
        select
            *,
            sum(case when previous_state is null or effective_state <> previous_state then 1 else 0 end)
                over (partition by {{ key }} order by photo_rank) as version_number
        from compared
    ),

    complex_versions as (
        select
            {{ key }},
            any_value(effective_state) as state,
            min(date_photo) as valide_du,
            max(date_photo) as derniere_photo,
            max(photo_rank) as last_rank
        from changes
        -- an island that starts on an ambiguous row has no known state yet
        where effective_state is not null
        group by {{ key }}, version_number
    ),

    versions as (
        select * from simple_versions
        union all
        select * from complex_versions
    )

    select
        versions.{{ key }},
        {%- for a in attributes %}
        versions.state.{{ a }} as {{ a }},
        {%- endfor %}
        versions.valide_du,
        next_photo.date_photo as valide_au,
        versions.derniere_photo
    from versions
    left join photos as next_photo on versions.last_rank + 1 = next_photo.photo_rank
{%- endmacro %}
