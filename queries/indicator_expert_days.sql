-- LF-O3: expert working days mobilised: effective (paid) days of the assignments on activities that started
-- in the period, and since RP1 (cumulative). Base = the number of assignments.
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
assignments AS (
    SELECT x.working_days, rp.sort_order AS rp_order
    FROM filtered_assignments([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) x
    JOIN reporting_period rp ON rp.code = x.rp AND rp.programme = 'SOCIEUX+'
),
measured AS (
    SELECT p.period,
           coalesce(sum(x.working_days) FILTER (WHERE x.rp_order = p.period_order), 0) AS within_value,
           coalesce(sum(x.working_days), 0) AS cumulative_value,
           count(x.rp_order) FILTER (WHERE x.rp_order = p.period_order) AS within_base,
           count(x.rp_order) AS cumulative_base
    FROM periods p
    LEFT JOIN assignments x ON x.rp_order BETWEEN 1 AND p.period_order
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
