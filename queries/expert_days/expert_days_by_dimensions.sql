-- Expert working days per category of each dimension the page breaks them down by (the `dimension` column): area,
-- region and income group of the request; gender and area of eligibility of the expert as at the assignment.
-- One pass over the assignments in view for all five (grouping sets), each chart drawing its dimension's rows.
WITH x AS (
    SELECT area_of_work, region, income_group,
           CASE lower(gender) WHEN 'female' THEN 'Women' WHEN 'male' THEN 'Men' END AS gender,
           area_of_eligibility, working_days, expert_no
    FROM filtered_assignments($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned,
                              f_eligibilities := $eligibilities, f_nationalities := $nationalities)
),
grouped AS (
    SELECT
        CASE WHEN grouping(area_of_work) = 0 THEN 'area' WHEN grouping(region) = 0 THEN 'region'
             WHEN grouping(income_group) = 0 THEN 'income_group' WHEN grouping(gender) = 0 THEN 'gender'
             ELSE 'eligibility' END AS dimension,
        -- in each grouping set the other columns are NULL: this is the set's own category (NULL: not recorded)
        coalesce(area_of_work, region, income_group, gender, area_of_eligibility) AS recorded,
        -- The page's three measures of every breakdown, the same in each (working days, assignments, experts).
        sum(working_days) AS working_days,
        count(*) AS assignments,
        count_experts(expert_no) AS experts
    FROM x
    GROUP BY GROUPING SETS ((area_of_work), (region), (income_group), (gender), (area_of_eligibility))
)
SELECT
    g.dimension,
    coalesce(g.recorded, 'Not recorded') AS category,
    g.working_days,
    g.assignments,
    g.experts,
    g.working_days / sum(g.working_days) OVER (PARTITION BY g.dimension) AS share,  -- of the working days in view
    -- the facility's order where it has one (areas, regions, income groups), else largest first
    coalesce(a.sort_order, r.sort_order, i.sort_order, 99) AS sort_order
FROM grouped g
LEFT JOIN area_of_work a ON g.dimension = 'area' AND a.area_of_work = g.recorded
LEFT JOIN region r ON g.dimension = 'region' AND r.region = g.recorded
LEFT JOIN income_group i ON g.dimension = 'income_group' AND i.income_group = g.recorded
ORDER BY g.dimension, sort_order, g.working_days DESC, category;
