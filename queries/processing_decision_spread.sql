-- Spread of the weeks from receipt to approval or rejection of the requests decided, per period of receipt
-- and decision, as box statistics: one row per box whatever the number of requests. Quartiles interpolate
-- linearly (quantile_cont); the whiskers reach the furthest request within 1.5 times the interquartile
-- range of the box. With the latest LF-O6 target. Receipt and approval as in queries/indicator_decision_weeks.sql.
WITH received AS (
    SELECT r.code, r.rp, r.rp_order,
           coalesce(m.event_date, CASE WHEN NOT r.received_on_is_estimate THEN r.date_received END) AS received_on
    FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) r
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
weeks AS (
    SELECT rp, rp_order,
           CASE WHEN rejected_on IS NOT NULL AND (approved_on IS NULL OR rejected_on < approved_on)
                THEN 'Rejected' ELSE 'Approved' END AS decision,
           date_diff('day', received_on, least(approved_on, rejected_on)) / 7.0 AS weeks
    FROM decided
    WHERE least(approved_on, rejected_on) >= received_on
),
boxes AS (
    SELECT rp, rp_order, decision,
           count(*) AS requests,
           min(weeks) AS min_weeks,
           quantile_cont(weeks, 0.25) AS lower_quartile_weeks,
           quantile_cont(weeks, 0.5) AS median_weeks,
           quantile_cont(weeks, 0.75) AS upper_quartile_weeks,
           max(weeks) AS max_weeks,
           avg(weeks) AS mean_weeks
    FROM weeks
    GROUP BY rp, rp_order, decision
),
whiskers AS (
    SELECT b.rp, b.decision,
           min(w.weeks) FILTER (WHERE w.weeks >= b.lower_quartile_weeks
                                     - 1.5 * (b.upper_quartile_weeks - b.lower_quartile_weeks)) AS lower_whisker_weeks,
           max(w.weeks) FILTER (WHERE w.weeks <= b.upper_quartile_weeks
                                     + 1.5 * (b.upper_quartile_weeks - b.lower_quartile_weeks)) AS upper_whisker_weeks
    FROM boxes b
    JOIN weeks w USING (rp, decision)
    GROUP BY b.rp, b.decision
),
latest_target AS (
    SELECT t.target_value
    FROM target t JOIN reporting_period rp ON rp.code = t.period_code
    WHERE t.indicator_id = 'LF-O6'
    ORDER BY rp.sort_order DESC
    LIMIT 1
)
SELECT b.rp AS period,
       b.rp_order AS period_order,
       b.decision,
       b.requests,
       b.min_weeks,
       w.lower_whisker_weeks,
       b.lower_quartile_weeks,
       b.median_weeks,
       b.upper_quartile_weeks,
       w.upper_whisker_weeks,
       b.max_weeks,
       b.mean_weeks,
       (SELECT target_value FROM latest_target) AS target_weeks
FROM boxes b
JOIN whiskers w USING (rp, decision)
ORDER BY b.rp_order, b.decision
