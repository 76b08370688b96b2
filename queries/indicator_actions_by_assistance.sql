-- OC1 / OC2 / OP1: actions implemented (status in $status_set) whose type of assistance is one of $assistance_types
-- or below it (published, uploaded or synthetic types; an empty list = any action), by reporting period of
-- receipt and cumulative since RP1. Base = actions implemented. Statuses at the data date for every period
-- (status_basis), so finished periods are not assessed (docs/definitions.md, "Classifications").
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
implemented AS (
    SELECT rp_order, code,
           len($assistance_types) = 0
           OR code IN (SELECT t.code FROM v_request_type t
                       WHERE list_has_any($assistance_types::VARCHAR[], classification_lineage(t.type_code))) AS of_type
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE programme_received = 'SOCIEUX+' AND implemented_in_set($status_set, status, code)
),
measured AS (
    SELECT p.period,
           count(*) FILTER (WHERE r.of_type AND r.rp_order = p.period_order) AS within_value,
           count(*) FILTER (WHERE r.of_type) AS cumulative_value,
           count(r.rp_order) FILTER (WHERE r.rp_order = p.period_order) AS within_base,
           count(r.rp_order) AS cumulative_base
    FROM periods p
    LEFT JOIN implemented r ON r.rp_order BETWEEN 1 AND p.period_order
    GROUP BY p.period
)
SELECT p.period, p.period_label, p.period_order, p.period_started, p.period_finished,
       CASE WHEN p.period_started THEN m.within_value END::DOUBLE AS within_value,
       CASE WHEN p.period_started THEN m.cumulative_value END::DOUBLE AS cumulative_value,
       CASE WHEN p.period_started THEN m.within_base END::DOUBLE AS within_base,
       CASE WHEN p.period_started THEN m.cumulative_base END::DOUBLE AS cumulative_base,
       'data date' AS status_basis,
       t.target_value, t.baseline_value, t.source AS target_source
FROM periods p
JOIN measured m USING (period)
LEFT JOIN target t ON t.indicator_id = $indicator_id AND t.period_code = p.period
ORDER BY p.period_order
