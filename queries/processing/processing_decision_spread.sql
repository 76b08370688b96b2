-- Spread of the weeks from receipt to approval or rejection of the requests decided, per period of receipt
-- and decision, as box statistics: one row per box whatever the number of requests. Quartiles interpolate
-- linearly (quantile_cont); the whiskers reach the furthest request within 1.5 times the interquartile
-- range of the box. With the latest LF-O6 target. Receipt and decision: v_receipt_decision (socieux/schema/views_processing.sql).
WITH weeks AS (
    SELECT d.rp, d.rp_order, d.decision, d.decision_weeks AS weeks
    FROM request_rows_in_filters('v_receipt_decision', $periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) d
    WHERE d.programme_received = 'SOCIEUX+' AND d.decision_weeks IS NOT NULL
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
       latest_target('LF-O6') AS target_weeks
FROM boxes b
JOIN whiskers w USING (rp, decision)
ORDER BY b.rp_order, b.decision
