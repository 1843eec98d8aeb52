{#- Every data line of every council-decisions file, corrected where a rule is
    documented (corrections) and judged: rejection_reason is the first check it
    fails, or null for a valid, first-seen decision. The rules are listed in the
    docs block deliberations_rejection_reason. -#}
with

records as (
    select * from {{ ref('int_deliberations_unioned') }}
    where record_type = 'data'
),

communes as (
    select
        communes.code_insee,
        communes.nom,
        communes.siren,
        seats.sieges
    from {{ ref('communes') }} as communes
    inner join {{ ref('conseil_municipal_effectif') }} as seats
        on communes.population_municipale between seats.population_min and seats.population_max
),

matieres as (
    select
        sous_matiere.code,
        sous_matiere.libelle_parent || '/' || sous_matiere.libelle as matiere_nom,
        {{ comparable_label('sous_matiere.libelle') }} as libelle_cle
    from {{ ref('actes_matieres') }} as sous_matiere
    where sous_matiere.niveau = 2
),

matched as (
    select
        records.*,
        communes.code_insee,
        communes.nom as commune_nom,
        communes.sieges,
        by_code.code as code_by_code,
        by_label.code as code_by_label
    from records
    left join communes
        on
            left(records.coll_siret, 9) = communes.siren
            and {{ siret_is_valid('records.coll_siret') }}
    left join matieres as by_code
        on records.matiere_code_source = by_code.code
    left join matieres as by_label
        on {{ comparable_label('records.matiere_libelle_source') }} = by_label.libelle_cle
),

corrected as (
    select
        *,
        -- the code is what the prefecture received: it wins over the label
        coalesce(code_by_code, code_by_label) as matiere_code,
        -- the number of seats is set by law from the population
        case
            when vote_effectif is null
                and coalesce(vote_reel, vote_pour, vote_contre, vote_abstention) is not null
                then sieges
            else vote_effectif
        end as votes_effectif,
        coalesce(vote_reel, vote_pour + vote_contre + vote_abstention) as votes_reel,
        list_filter([
            case when code_by_code is null and code_by_label is not null then 'matiere_code_from_label' end,
            case
                when code_by_code is not null and matiere_libelle_source is not null
                    and code_by_label is distinct from code_by_code
                    then 'matiere_label_from_code'
            end,
            case
                when vote_effectif is null
                    and coalesce(vote_reel, vote_pour, vote_contre, vote_abstention) is not null
                    then 'vote_effectif_from_population'
            end,
            case
                when vote_reel is null and vote_pour + vote_contre + vote_abstention is not null
                    then 'vote_reel_from_sum'
            end
        ], c -> c is not null) as corrections
    from matched
),

failed_checks as (
    select
        *,
        [votes_effectif, votes_reel, vote_pour, vote_contre, vote_abstention] as votes,
        case
            when parse_error is not null then parse_error
            when delib_id is null then 'missing_deliberation_id'
            when code_insee is null then 'unknown_collectivite'
            when delib_date is null then 'invalid_deliberation_date'
            when matiere_code is null then 'unknown_actes_matiere'
            when has_unreadable_vote then 'invalid_vote_count'
            when len(list_filter(votes, v -> v is null)) not in (0, 5) then 'incomplete_votes'
            when votes_reel > votes_effectif or greatest(vote_pour, vote_contre, vote_abstention) > votes_reel
                then 'votes_exceed_council'
            when vote_pour + vote_contre + vote_abstention <> votes_reel then 'vote_sum_mismatch'
            when pref_date is null and pref_date_source is not null then 'invalid_prefecture_date'
            when pref_date < delib_date then 'prefecture_before_vote'
        end as failed_check,
        case
            when parse_error is not null then parse_error_detail
            when delib_id is null then 'no decision number on the line'
            when code_insee is null
                then 'SIRET ' || coalesce(coll_siret, '(empty)') || ' is not a commune of the métropole'
            when delib_date is null then 'date of the vote: ' || coalesce(delib_date_source, '(empty)')
            when matiere_code is null
                then 'ACTES matière: ' || coalesce(matiere_code_source, '') || ' '
                    || coalesce(matiere_libelle_source, '(empty)')
            when has_unreadable_vote then 'a vote count is not a whole number'
            when len(list_filter(votes, v -> v is null)) not in (0, 5)
                then 'votes given in part: ' || list_transform(votes, v -> coalesce(v::varchar, '?'))::varchar
            when votes_reel > votes_effectif or greatest(vote_pour, vote_contre, vote_abstention) > votes_reel
                then 'votes ' || votes::varchar || ' for a council of ' || votes_effectif::varchar
            when vote_pour + vote_contre + vote_abstention <> votes_reel
                then (vote_pour + vote_contre + vote_abstention)::varchar
                    || ' votes for, against and abstaining, '
                    || votes_reel::varchar || ' members voting'
            when pref_date is null and pref_date_source is not null
                then 'prefecture date: ' || pref_date_source
            when pref_date < delib_date
                then 'sent to the prefecture on '
                    || pref_date::varchar
                    || ', voted on '
                    || delib_date::varchar
        end as failed_check_detail
    from corrected
),

ranked as (
    select
        *,
        -- a decision is unique per commune: the first received (file, then line)
        -- is kept, later copies are duplicates
        row_number() over (
            partition by failed_check is null, code_insee, delib_id
            order by source_file, line_number
        ) as occurrence,
        first_value(source_file || ':' || line_number) over (
            partition by failed_check is null, code_insee, delib_id
            order by source_file, line_number
        ) as first_occurrence
    from failed_checks
)

select
    ranked.source_format,
    ranked.source_file,
    ranked.line_number,
    ranked.code_insee,
    ranked.commune_nom,
    ranked.coll_siret,
    ranked.delib_id,
    ranked.delib_date,
    ranked.matiere_code,
    matieres.matiere_nom,
    ranked.delib_objet,
    ranked.votes_effectif as vote_effectif,
    ranked.votes_reel as vote_reel,
    ranked.vote_pour,
    ranked.vote_contre,
    ranked.vote_abstention,
    ranked.pref_id,
    ranked.pref_date,
    ranked.delib_url,
    array_to_string(ranked.corrections, ',') as corrections,
    coalesce(
        ranked.failed_check, case when ranked.occurrence > 1 then 'duplicate_deliberation' end
    ) as rejection_reason,
    coalesce(
        ranked.failed_check_detail,
        case when ranked.occurrence > 1 then 'decision already received at ' || ranked.first_occurrence end
    ) as rejection_detail
from ranked
left join matieres on ranked.matiere_code = matieres.code
