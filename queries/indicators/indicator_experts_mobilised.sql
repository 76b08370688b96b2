-- LF-O2: experts mobilised for specific actions: distinct experts with an assignment on an activity that
-- started in the period, and since RP1 (cumulative). Base = the number of assignments.
-- Distinct experts are counted from one set of experts per period (expert_set, views.sql): within a period its set,
-- since RP1 the union of the sets of the periods up to it; never over a period-by-period copy of the assignments.
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
assignments AS (
    SELECT x.expert_id, x.expert_no, rp.sort_order AS rp_order
    FROM filtered_assignments([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) x
    JOIN reporting_period rp ON rp.code = x.rp AND rp.programme = 'SOCIEUX+'
),
per_period AS (
    SELECT rp_order, expert_set(expert_no) AS experts, count(expert_id) AS assignments
    FROM assignments
    GROUP BY rp_order
),
sized AS (SELECT *, expert_set_size(experts) AS expert_count FROM per_period),
measured AS (
    SELECT p.period,
           coalesce(sum(q.expert_count) FILTER (WHERE q.rp_order = p.period_order), 0) AS within_value,
           expert_set_size(expert_set_union(q.experts)) AS cumulative_value,
           coalesce(sum(q.assignments) FILTER (WHERE q.rp_order = p.period_order), 0) AS within_base,
           coalesce(sum(q.assignments), 0) AS cumulative_base
    FROM periods p
    LEFT JOIN sized q ON q.rp_order BETWEEN 1 AND p.period_order
    GROUP BY p.period, p.period_order
)
SELECT * FROM indicator_frame($indicator_id, $periods, 'measured')
ORDER BY period_order
