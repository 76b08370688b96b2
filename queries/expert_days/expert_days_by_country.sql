-- Expert working days, assignments and experts per partner country of the request.
SELECT
    country, iso3, region,
    -- The page's three measures of every breakdown, the same in each (working days, assignments, experts).
    sum(working_days) AS working_days,
    count(*) AS assignments,
    count_experts(expert_no) AS experts,
    sum(working_days) / sum(sum(working_days)) OVER () AS share  -- of the working days in view
FROM filtered_assignments($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned,
                          f_eligibilities := $eligibilities, f_nationalities := $nationalities)
GROUP BY ALL
ORDER BY working_days DESC, country;
