-- Requests and actions in processing (every non-terminal status, set in_processing) with their age in
-- weeks at the data date and the latest processing step reached (processing_step), oldest first: the first $limit of them
-- (NULL: all), each row carrying in "matching_requests" how many are in processing in all. Age starts at
-- the 'received' milestone, else at the date of receipt unless it is an estimate (then no age is given).
WITH data_date AS (SELECT max(as_of) AS as_of FROM dataset_info),
-- the 'received' milestone of each request as v_receipt_decision stores it with the request's columns
open_requests AS (
    SELECT code, rp, country, partner_institution, area_of_work, status_label, date_received,
           received_on_is_estimate, received_step_on, received_synthetic AS received_step_synthetic
    FROM request_rows_in_filters('v_receipt_decision', $periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE is_in_processing
),
aged AS (
    SELECT o.*,
           coalesce(o.received_step_on, CASE WHEN NOT o.received_on_is_estimate THEN o.date_received END)
               AS age_from
    FROM open_requests o
),
-- the count as its own scan of the requests in processing, so that only the first $limit are sorted out whole
shown AS MATERIALIZED (
    SELECT *, (SELECT count(*) FROM open_requests) AS matching_requests
    FROM aged
    ORDER BY age_from NULLS LAST, date_received, code
    LIMIT $limit
),
latest_step AS (
    SELECT m.code, arg_max(s.label, (m.event_date, s.step_order)) AS step_label,
           max(m.event_date) AS step_on
    FROM milestone m JOIN processing_step s USING (step)
    WHERE m.code IN (SELECT code FROM shown)
    GROUP BY m.code
)
SELECT a.code AS "Code",
       a.rp AS "Reporting period",
       a.country AS "Country",
       a.partner_institution AS "Partner institution",
       a.area_of_work AS "Area of work",
       a.status_label AS "Status",
       a.age_from AS "Received",
       CASE WHEN a.received_step_on IS NOT NULL AND a.received_step_synthetic THEN 'Processing step (synthetic)'
            WHEN a.received_step_on IS NOT NULL THEN 'Processing step'
            WHEN NOT a.received_on_is_estimate THEN 'Date of receipt'
            ELSE 'Estimate only: no age' END AS "Receipt date from",
       round(date_diff('day', a.age_from, d.as_of) / 7.0, 1) AS "Age (weeks)",
       l.step_label AS "Current step",
       l.step_on AS "Step reached on",
       a.matching_requests
FROM shown a
CROSS JOIN data_date d
LEFT JOIN latest_step l USING (code)
ORDER BY a.age_from NULLS LAST, a.date_received, a.code
