-- LF-O3: expert working days mobilised: effective (paid) days of the assignments on activities that started
-- in the period, and since RP1 (cumulative). Base = the number of assignments.
WITH assignments AS (
    SELECT x.working_days, rp.sort_order AS rp_order
    FROM filtered_assignments([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) x
    JOIN reporting_period rp ON rp.code = x.rp AND rp.programme = 'SOCIEUX+'
),
-- This indicator's own measure per period; within the period and since RP1 from these (indicator_sums).
per_period AS (
    SELECT rp_order, sum(working_days) AS value, count(*) AS base
    FROM assignments
    GROUP BY rp_order
)
SELECT * FROM indicator_sums($indicator_id, $periods, 'per_period')
ORDER BY period_order
