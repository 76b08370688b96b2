-- Requests by reporting period of receipt and one chosen dimension, as count and as share of the period; each
-- cell's share of the requests in view, and each category's total and share over every period in view.
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
    FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    GROUP BY ALL
)
SELECT
    period, rp_order, category, requests,
    requests / sum(requests) OVER (PARTITION BY period) AS share,
    requests / sum(requests) OVER () AS share_in_view,
    sum(requests) OVER (PARTITION BY category) AS category_requests,
    sum(requests) OVER (PARTITION BY category) / sum(requests) OVER () AS category_share
FROM counted
ORDER BY rp_order, category;
