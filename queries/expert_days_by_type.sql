-- Expert working days per expert type, within main type (Public, Private, Int. Org.), largest main type first.
WITH by_type AS (
    SELECT
        coalesce(main_type, 'Not recorded') AS main_type,
        coalesce(type, 'Not recorded') AS type,
        sum(working_days) AS working_days,
        count(*) AS assignments,
        count(DISTINCT expert_id) AS experts
    FROM filtered_assignments($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE (len($eligibilities::VARCHAR[]) = 0 OR list_contains($eligibilities::VARCHAR[], area_of_eligibility))
      AND (len($nationalities::VARCHAR[]) = 0 OR list_contains($nationalities::VARCHAR[], nationality))
    GROUP BY ALL
)
SELECT *
FROM by_type
ORDER BY sum(working_days) OVER (PARTITION BY main_type) DESC, main_type, working_days DESC, type;
