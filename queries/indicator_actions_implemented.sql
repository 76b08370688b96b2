-- LF-O8 / OP1: actions implemented, i.e. requests whose status is in the chosen "implemented" set
-- ($status_set: implemented_original, implemented_revised or implemented_extension), by reporting period
-- of receipt and cumulative since RP1. Without status history the status at the data date is used for
-- every period (domain.md §5.3): the page flags it.
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
received AS (
    SELECT rp_order, in_status_set($status_set, status) AS implemented
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types)
    WHERE programme_received = 'SOCIEUX+'
),
measured AS (
    SELECT p.period,
           count(*) FILTER (WHERE r.implemented AND r.rp_order = p.period_order) AS within_value,
           count(*) FILTER (WHERE r.implemented) AS cumulative_value,
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
