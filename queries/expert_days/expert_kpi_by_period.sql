-- Expert KPI cards per reporting period of the activity's start, every period, all filters but the
-- period one: the cards compare the latest period in view with the one before it.
WITH x AS (
    SELECT *
    FROM filtered_assignments([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned,
                              f_eligibilities := $eligibilities, f_nationalities := $nationalities)
)
SELECT
    p.code AS period,
    p.sort_order,
    p.end_date <= (SELECT max(as_of) FROM dataset_info) AS is_finished,
    coalesce(sum(x.working_days), 0) AS expert_working_days,
    count(x.assignment_id) AS assignments,
    count_experts(expert_no) AS experts_mobilised,
    count(DISTINCT x.nationality) AS nationalities
FROM reporting_period p
LEFT JOIN x ON x.rp = p.code
GROUP BY p.code, p.sort_order, p.end_date
ORDER BY p.sort_order;
