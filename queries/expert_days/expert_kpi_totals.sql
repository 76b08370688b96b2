-- Expert KPI cards over the assignments in scope (docs/definitions.md, LF-O2, LF-O3): one row.
-- Assignments count in the reporting period of their activity's start; the page slicers
-- (area of eligibility, nationality) use the expert's attributes as at the assignment.
SELECT
    coalesce(sum(working_days), 0) AS expert_working_days,
    count(*) AS assignments,
    count_experts(expert_no) AS experts_mobilised,
    count(DISTINCT nationality) AS nationalities,
    count_activities(activity_key) AS activities,
    count(*) FILTER (WHERE is_synthetic) AS synthetic_rows
FROM filtered_assignments($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned,
                          f_eligibilities := $eligibilities, f_nationalities := $nationalities);
