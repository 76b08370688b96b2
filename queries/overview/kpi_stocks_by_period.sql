-- Stocks at the end of each SOCIEUX+ reporting period started by the data date (docs/definitions.md, "Stocks
-- and flows"): requests and actions in processing, implemented (original logframe) and closed, among the
-- requests in scope received by then. A period's stock is known only when each of them has a known status.
-- The requests are first counted per period and status, then each status set adds up the counts of its statuses.
WITH per_status AS (
    SELECT period, status, count(code) AS requests, bool_or(approximate) AS approximate, max(status_from) AS status_from
    FROM requests_at_period_end($regions, $income_groups, $areas, $countries, $stages,
                                f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    GROUP BY ALL
)
SELECT
    p.code AS period, p.sort_order, p.end_date,
    coalesce(sum(r.requests), 0)::BIGINT AS requests_received_by_end,
    coalesce(sum(r.requests) FILTER (WHERE r.status IS NOT NULL), 0)::BIGINT AS requests_with_status,
    requests_with_status = requests_received_by_end AS is_known,
    coalesce(bool_or(r.approximate), false) AS is_approximate,
    max(r.status_from) AS status_as_of,
    coalesce(sum(r.requests) FILTER (WHERE in_status_set('in_processing', r.status)), 0)::BIGINT AS in_processing,
    coalesce(sum(r.requests) FILTER (WHERE in_status_set('implemented_original', r.status)), 0)::BIGINT AS implemented,
    coalesce(sum(r.requests) FILTER (WHERE in_status_set('closed', r.status)), 0)::BIGINT AS closed
FROM reporting_period p
LEFT JOIN per_status r ON r.period = p.code
WHERE p.programme = 'SOCIEUX+' AND p.start_date <= (SELECT max(as_of) FROM dataset_info)
GROUP BY p.code, p.sort_order, p.end_date
ORDER BY p.sort_order;
