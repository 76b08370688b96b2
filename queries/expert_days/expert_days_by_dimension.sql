-- Expert working days per category of one dimension ($dimension): area, region, income_group of the
-- request, or gender, eligibility, main_type of the expert as at the assignment.
WITH x AS (
    SELECT
        CASE $dimension
            WHEN 'area' THEN area_of_work
            WHEN 'region' THEN region
            WHEN 'income_group' THEN income_group
            WHEN 'gender' THEN CASE lower(gender) WHEN 'female' THEN 'Women' WHEN 'male' THEN 'Men' END
            WHEN 'eligibility' THEN area_of_eligibility
            WHEN 'main_type' THEN main_type
        END AS category,
        *
    FROM filtered_assignments($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned,
                              f_eligibilities := $eligibilities, f_nationalities := $nationalities)
)
SELECT
    coalesce(x.category, 'Not recorded') AS category,
    sum(x.working_days) AS working_days,
    count(*) AS assignments,
    count_experts(expert_no) AS experts,
    sum(x.working_days) / sum(sum(x.working_days)) OVER () AS share,  -- of the working days in view
    -- the facility's order where it has one (areas, regions, income groups), else largest first
    coalesce(min(a.sort_order), min(g.sort_order), min(i.sort_order), 99) AS sort_order
FROM x
LEFT JOIN area_of_work a ON $dimension = 'area' AND a.area_of_work = x.category
LEFT JOIN region g ON $dimension = 'region' AND g.region = x.category
LEFT JOIN income_group i ON $dimension = 'income_group' AND i.income_group = x.category
GROUP BY 1
ORDER BY sort_order, working_days DESC, category;
