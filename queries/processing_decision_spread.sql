-- Weeks from receipt to approval or rejection of each request decided, for the spread of LF-O6 by period
-- of receipt, with the latest LF-O6 target. Receipt and approval as in queries/indicator_decision_weeks.sql.
WITH received AS (
    SELECT r.code, r.rp, r.rp_order,
           coalesce(m.event_date, CASE WHEN NOT r.received_on_is_estimate THEN r.date_received END) AS received_on,
           coalesce(m.is_synthetic, false) AS synthetic
    FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages) r
    LEFT JOIN milestone m ON m.code = r.code AND m.step = 'received'
    WHERE r.programme_received = 'SOCIEUX+'
),
decided AS (
    SELECT r.*,
           coalesce(ap.event_date,
                    CASE WHEN r.rp_order >= (SELECT sort_order FROM reporting_period WHERE code = 'RP4')
                         THEN no.event_date END) AS approved_on,
           rj.event_date AS rejected_on
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
SELECT code,
       rp AS period,
       rp_order AS period_order,
       CASE WHEN rejected_on IS NOT NULL AND (approved_on IS NULL OR rejected_on < approved_on)
            THEN 'Rejected' ELSE 'Approved' END AS decision,
       date_diff('day', received_on, least(approved_on, rejected_on)) / 7.0 AS weeks,
       synthetic,
       (SELECT target_value FROM latest_target) AS target_weeks
FROM decided
WHERE least(approved_on, rejected_on) >= received_on
ORDER BY rp_order, weeks, code
