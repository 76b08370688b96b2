-- Expert working days by nationality as at the assignment: the ten largest, the rest as "Other".
WITH x AS (
    SELECT coalesce(nationality, 'Not recorded') AS nationality, working_days, expert_no
    FROM filtered_assignments($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned,
                              f_eligibilities := $eligibilities, f_nationalities := $nationalities)
),
ranked AS (
    SELECT nationality, row_number() OVER (ORDER BY sum(working_days) DESC, nationality) AS rank
    FROM x
    GROUP BY nationality
)
SELECT
    CASE WHEN r.rank <= 10 THEN x.nationality ELSE 'Other' END AS nationality,
    sum(x.working_days) AS working_days,
    count(*) AS assignments,
    count_experts(x.expert_no) AS experts,
    count(DISTINCT x.nationality) AS nationalities,
    sum(x.working_days) / sum(sum(x.working_days)) OVER () AS share,  -- of the working days in view
    min(r.rank) AS sort_order
FROM x
JOIN ranked r USING (nationality)
GROUP BY 1
ORDER BY sort_order;
