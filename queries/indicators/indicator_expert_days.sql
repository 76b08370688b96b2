-- LF-O3: expert working days mobilised: effective (paid) days of the assignments on activities that started
-- in the period, and since RP1 (cumulative). Base = the number of assignments.
WITH assignments AS (
    SELECT x.working_days, rp.sort_order AS rp_order
    FROM filtered_assignments([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) x
    JOIN reporting_period rp ON rp.code = x.rp AND rp.programme = 'SOCIEUX+'
),
-- This indicator's own measure, within the period and since RP1 (indicator_rows gives both).
measured AS (
    SELECT period,
           coalesce(sum(working_days) FILTER (WHERE within), 0) AS within_value,
           coalesce(sum(working_days), 0) AS cumulative_value,
           count(rp_order) FILTER (WHERE within) AS within_base,
           count(rp_order) AS cumulative_base
    FROM indicator_rows($indicator_id, $periods, 'assignments')
    GROUP BY period
)
SELECT * FROM indicator_frame($indicator_id, $periods, 'measured')
ORDER BY period_order
