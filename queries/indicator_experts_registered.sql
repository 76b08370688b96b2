-- LF-O1: suitable experts available in the PMT: experts registered in the period, and registered on or
-- before its end (cumulative, the roster before RP1 included). The roster is not tied to requests, so the
-- request filters do not apply to it.
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
measured AS (
    SELECT p.period,
           count(e.expert_id) FILTER (WHERE e.registration_date >= p.start_date) AS within_value,
           count(e.expert_id) AS cumulative_value
    FROM periods p
    LEFT JOIN expert e ON e.registration_date <= p.end_date
    GROUP BY p.period
)
SELECT p.period, p.period_label, p.period_order, p.period_started, p.period_finished,
       CASE WHEN p.period_started THEN m.within_value END::DOUBLE AS within_value,
       CASE WHEN p.period_started THEN m.cumulative_value END::DOUBLE AS cumulative_value,
       CASE WHEN p.period_started THEN m.within_value END::DOUBLE AS within_base,
       CASE WHEN p.period_started THEN m.cumulative_value END::DOUBLE AS cumulative_base,
       t.target_value, t.baseline_value, t.source AS target_source
FROM periods p
JOIN measured m USING (period)
LEFT JOIN target t ON t.indicator_id = $indicator_id AND t.period_code = p.period
ORDER BY p.period_order
