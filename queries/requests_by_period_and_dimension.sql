-- Requests by reporting period of receipt and one chosen dimension, as count and as share of the period.
WITH counted AS (
    SELECT
        rp AS period,
        rp_order,
        CASE $dimension
            WHEN 'region' THEN region
            WHEN 'income_group' THEN income_group
            ELSE area_of_work
        END AS category,
        count(*) AS requests
    FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types)
    GROUP BY ALL
)
SELECT
    period, rp_order, category, requests,
    requests / sum(requests) OVER (PARTITION BY period) AS share
FROM counted
ORDER BY rp_order, category;
