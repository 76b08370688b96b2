-- Gender- and disability-relevant requests per reporting period of receipt, with the period total.
SELECT
    rp AS period,
    rp_order,
    count(*) AS requests,
    count(*) FILTER (WHERE gender_relevant) AS gender_relevant,
    count(*) FILTER (WHERE disability_relevant) AS disability_relevant,
    count(*) FILTER (WHERE gender_relevant AND disability_relevant) AS both_relevant
FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
GROUP BY ALL
ORDER BY rp_order;
