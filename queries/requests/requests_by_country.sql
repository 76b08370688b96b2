-- Requests, implemented actions, working days and expenditure per partner country; each country's share of the
-- requests in view.
SELECT
    country, iso3, region,
    count(*) AS requests,
    count(*) / sum(count(*)) OVER () AS share,
    count(*) FILTER (WHERE is_implemented) AS implemented,
    coalesce(sum(working_days), 0) AS working_days,
    sum(expenditure_eur) AS expenditure_eur
FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
GROUP BY ALL
ORDER BY requests DESC, country;
