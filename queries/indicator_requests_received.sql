-- LF-O7 / BD-1: requests received from partner countries (SOCIEUX+ programme), per reporting period of
-- receipt and cumulative since RP1. The period filter picks the periods shown; cumulative values always
-- count from RP1. Targets come from the target table for $indicator_id.
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
received AS (
    SELECT rp_order
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE programme_received = 'SOCIEUX+'
),
measured AS (
    SELECT p.period,
           count(r.rp_order) FILTER (WHERE r.rp_order = p.period_order) AS within_value,
           count(r.rp_order) AS cumulative_value
    FROM periods p
    LEFT JOIN received r ON r.rp_order BETWEEN 1 AND p.period_order
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
