-- Median weeks from receipt to approval or rejection (the decision, LF-O6) by area of work or region
-- ($dimension = 'area' | 'region'), for the requests in the filters, with the latest LF-O6 target.
-- Receipt and approval as in queries/indicator_decision_weeks.sql.
WITH received AS (
    SELECT r.code, r.rp_order,
           CASE WHEN $dimension = 'region' THEN r.region ELSE r.area_of_work END AS category,
           coalesce(m.event_date, CASE WHEN NOT r.received_on_is_estimate THEN r.date_received END) AS received_on,
           coalesce(m.is_synthetic, false) AS synthetic
    FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) r
    LEFT JOIN milestone m ON m.code = r.code AND m.step = 'received'
    WHERE r.programme_received = 'SOCIEUX+'
),
decided AS (
    SELECT r.*,
           least(coalesce(ap.event_date,
                          CASE WHEN r.rp_order >= (SELECT sort_order FROM reporting_period WHERE code = 'RP4')
                               THEN no.event_date END),
                 rj.event_date) AS decided_on
    FROM received r
    LEFT JOIN milestone ap ON ap.code = r.code AND ap.step = 'approved'
    LEFT JOIN milestone no ON no.code = r.code AND no.step = 'non_objection'
    LEFT JOIN milestone rj ON rj.code = r.code AND rj.step = 'rejected'
    WHERE r.received_on IS NOT NULL
),
latest_target AS (
    SELECT t.target_value
    FROM target t JOIN reporting_period rp ON rp.code = t.period_code
    WHERE t.indicator_id = 'LF-O6'
    ORDER BY rp.sort_order DESC
    LIMIT 1
)
SELECT d.category,
       median(date_diff('day', d.received_on, d.decided_on) / 7.0) AS median_weeks,
       count(*) AS requests,
       count(*) FILTER (WHERE d.synthetic) AS synthetic_requests,
       (SELECT target_value FROM latest_target) AS target_weeks,
       any_value(coalesce(a.sort_order, g.sort_order, 99)) AS category_order
FROM decided d
LEFT JOIN area_of_work a ON $dimension = 'area' AND a.area_of_work = d.category
LEFT JOIN region g ON $dimension = 'region' AND g.region = d.category
WHERE d.decided_on >= d.received_on
GROUP BY d.category
ORDER BY category_order, d.category
