-- Expert KPI cards per reporting period of the activity's start, every period, all filters but the
-- period one: the cards compare the latest period in view with the one before it.
WITH x AS (
    SELECT *
    FROM filtered_assignments([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned,
                              f_eligibilities := $eligibilities, f_nationalities := $nationalities)
),
-- Aggregated per period first, then set against every period (a period without assignments shows zeros):
-- the periods are not joined to each of the assignments.
per_period AS (
    SELECT rp, sum(working_days) AS working_days, count(assignment_id) AS assignments,
           count_experts(expert_no) AS experts, count(DISTINCT nationality) AS nationalities
    FROM x
    GROUP BY rp
)
SELECT
    p.code AS period,
    p.sort_order,
    p.end_date <= (SELECT max(as_of) FROM dataset_info) AS is_finished,
    coalesce(q.working_days, 0) AS expert_working_days,
    coalesce(q.assignments, 0) AS assignments,
    coalesce(q.experts, 0) AS experts_mobilised,
    coalesce(q.nationalities, 0) AS nationalities
FROM reporting_period p
LEFT JOIN per_period q ON q.rp = p.code
ORDER BY p.sort_order;
