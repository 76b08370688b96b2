-- Expert working days by nationality as at the assignment: the ten largest, the rest as "Other".
-- One pass over the assignments in view: each nationality's days, assignments and set of experts (expert_set,
-- views.sql), then the ten largest kept and the rest added up, their experts counted once as the union of sets.
WITH per_nationality AS (
    SELECT coalesce(nationality, 'Not recorded') AS nationality,
           sum(working_days) AS working_days,
           count(*) AS assignments,
           expert_set(expert_no) AS experts
    FROM filtered_assignments($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned,
                              f_eligibilities := $eligibilities, f_nationalities := $nationalities)
    GROUP BY 1
),
ranked AS (
    SELECT *, row_number() OVER (ORDER BY working_days DESC, nationality) AS rank
    FROM per_nationality
)
SELECT
    CASE WHEN rank <= 10 THEN nationality ELSE 'Other' END AS nationality,
    sum(working_days) AS working_days,
    sum(assignments)::BIGINT AS assignments,
    expert_set_size(expert_set_union(experts)) AS experts,
    count(*) AS nationalities,
    sum(working_days) / sum(sum(working_days)) OVER () AS share,  -- of the working days in view
    min(rank) AS sort_order
FROM ranked
GROUP BY 1
ORDER BY sort_order;
