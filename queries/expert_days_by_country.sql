-- Expert working days, assignments and experts per partner country of the request.
SELECT
    country, iso3, region,
    sum(working_days) AS working_days,
    count(*) AS assignments,
    count(DISTINCT expert_id) AS experts
FROM filtered_assignments($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
WHERE (len($eligibilities::VARCHAR[]) = 0 OR list_contains($eligibilities::VARCHAR[], area_of_eligibility))
  AND (len($nationalities::VARCHAR[]) = 0 OR list_contains($nationalities::VARCHAR[], nationality))
GROUP BY ALL
ORDER BY working_days DESC, country;
