-- Headline KPIs per reporting period of receipt, every period, all filters but the period one:
-- the cards compare the latest period in view with the one before it.
SELECT
    p.code AS period,
    p.sort_order,
    p.end_date <= (SELECT max(as_of) FROM dataset_info) AS is_finished,
    count(r.code) AS received,
    count(r.code) FILTER (WHERE r.is_in_processing) AS in_processing,
    count(r.code) FILTER (WHERE r.is_implemented) AS implemented,
    count(r.code) FILTER (WHERE r.is_closed) AS closed,
    coalesce(sum(r.working_days), 0) AS working_days,
    coalesce(sum(r.expenditure_eur), 0) AS expenditure_eur
FROM reporting_period p
LEFT JOIN filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) r
       ON r.rp = p.code
GROUP BY p.code, p.sort_order, p.end_date
ORDER BY p.sort_order;
