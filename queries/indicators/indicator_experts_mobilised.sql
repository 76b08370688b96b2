-- LF-O2: experts mobilised for specific actions: distinct experts with an assignment on an activity that
-- started in the period, and since RP1 (cumulative). Base = the number of assignments.
-- An expert counts cumulatively from the first period of an assignment: distinct experts are counted once
-- per period and once per first period, never over a period-by-period copy of the assignments.
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
assignments AS (
    SELECT x.expert_id, x.expert_no, rp.sort_order AS rp_order
    FROM filtered_assignments([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) x
    JOIN reporting_period rp ON rp.code = x.rp AND rp.programme = 'SOCIEUX+'
),
per_period AS (
    SELECT rp_order, count_experts(expert_no) AS experts, count(expert_id) AS assignments
    FROM assignments
    GROUP BY rp_order
),
first_period AS (
    SELECT rp_order, count(*) AS experts
    FROM (SELECT min(rp_order) AS rp_order FROM assignments GROUP BY expert_no)
    GROUP BY rp_order
),
measured AS (
    SELECT p.period,
           coalesce(sum(q.experts) FILTER (WHERE q.rp_order = p.period_order), 0) AS within_value,
           coalesce((SELECT sum(f.experts) FROM first_period f WHERE f.rp_order BETWEEN 1 AND p.period_order), 0)
               AS cumulative_value,
           coalesce(sum(q.assignments) FILTER (WHERE q.rp_order = p.period_order), 0) AS within_base,
           coalesce(sum(q.assignments), 0) AS cumulative_base
    FROM periods p
    LEFT JOIN per_period q ON q.rp_order BETWEEN 1 AND p.period_order
    GROUP BY p.period, p.period_order
)
SELECT * FROM indicator_frame($indicator_id, $periods, 'measured')
ORDER BY period_order
