-- Expert working days per expert type, within main type (Public, Private, Int. Org.), largest main type first.
WITH by_type AS (
    SELECT
        coalesce(main_type, 'Not recorded') AS main_type,
        coalesce(type, 'Not recorded') AS type,
        -- The page's three measures of every breakdown, the same in each (working days, assignments, experts).
        sum(working_days) AS working_days,
        count(*) AS assignments,
        count_experts(expert_no) AS experts
    FROM filtered_assignments($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned,
                              f_eligibilities := $eligibilities, f_nationalities := $nationalities)
    GROUP BY ALL
)
SELECT *, working_days / sum(working_days) OVER () AS share  -- of the working days in view
FROM by_type
ORDER BY sum(working_days) OVER (PARTITION BY main_type) DESC, main_type, working_days DESC, type;
