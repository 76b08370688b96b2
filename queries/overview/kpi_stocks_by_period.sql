-- Stocks at the end of each SOCIEUX+ reporting period started by the data date (docs/definitions.md, "Stocks
-- and flows"): requests and actions in processing, implemented (original logframe) and closed, among the
-- requests in scope received by then. A period's stock is known only when each of them has a known status.
WITH r AS (SELECT * FROM requests_at_period_end($regions, $income_groups, $areas, $countries, $stages,
                                                f_fields := $fields, f_types := $types, f_fractioned := $fractioned))
SELECT
    p.code AS period, p.sort_order, p.end_date,
    count(r.code) AS requests_received_by_end,
    count(r.status) AS requests_with_status,
    count(r.status) = count(r.code) AS is_known,
    coalesce(bool_or(r.approximate), false) AS is_approximate,
    max(r.status_from) AS status_as_of,
    count(r.code) FILTER (WHERE in_status_set('in_processing', r.status)) AS in_processing,
    count(r.code) FILTER (WHERE in_status_set('implemented_original', r.status)) AS implemented,
    count(r.code) FILTER (WHERE in_status_set('closed', r.status)) AS closed
FROM reporting_period p
LEFT JOIN r ON r.period = p.code
WHERE p.programme = 'SOCIEUX+' AND p.start_date <= (SELECT max(as_of) FROM dataset_info)
GROUP BY p.code, p.sort_order, p.end_date
ORDER BY p.sort_order;
