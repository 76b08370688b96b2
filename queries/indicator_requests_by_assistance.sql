-- BD-6 / BD-7: requests received whose type of assistance is $assistance or one of its sub-types
-- (A.02 institutional, A.03 organisational capacity building), by period of receipt and since RP1.
-- Base = requests received with a type of assistance recorded (published, uploaded or synthetic: v_request_type).
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
received AS (
    -- a request with several types counts once
    SELECT r.rp_order,
           bool_or(t.type_code = $assistance OR starts_with(t.type_code, $assistance || '.')) AS of_type
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) r
    JOIN v_request_type t USING (code)
    WHERE r.programme_received = 'SOCIEUX+'
    GROUP BY r.code, r.rp_order
),
measured AS (
    SELECT p.period,
           count(*) FILTER (WHERE r.of_type AND r.rp_order = p.period_order) AS within_value,
           count(*) FILTER (WHERE r.of_type) AS cumulative_value,
           count(r.rp_order) FILTER (WHERE r.rp_order = p.period_order) AS within_base,
           count(r.rp_order) AS cumulative_base
    FROM periods p
    LEFT JOIN received r ON r.rp_order BETWEEN 1 AND p.period_order
    GROUP BY p.period
)
SELECT p.period, p.period_label, p.period_order, p.period_started, p.period_finished,
       CASE WHEN p.period_started THEN m.within_value END::DOUBLE AS within_value,
       CASE WHEN p.period_started THEN m.cumulative_value END::DOUBLE AS cumulative_value,
       CASE WHEN p.period_started THEN m.within_base END::DOUBLE AS within_base,
       CASE WHEN p.period_started THEN m.cumulative_base END::DOUBLE AS cumulative_base,
       t.target_value, t.baseline_value, t.source AS target_source
FROM periods p
JOIN measured m USING (period)
LEFT JOIN target t ON t.indicator_id = $indicator_id AND t.period_code = p.period
ORDER BY p.period_order
