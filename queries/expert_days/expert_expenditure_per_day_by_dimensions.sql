-- Expenditure per expert working day by reporting period and by region (the `dimension` column: period, region),
-- ratio of sums (docs/definitions.md), both from one pass over the assignments in view (grouping sets).
-- Lines booked on an assignment stay with it; the other lines of an activity (or of the
-- action, when no activity is named) are shared among its assignments pro rata to working days, so
-- slices add up. Only the days of actions with expenditure recorded enter the denominator: unknown
-- expenditure is never counted as zero. Both sides go to the reporting period of the activity's start.
WITH costed AS (  -- each assignment carries its costs (v_assignment)
    SELECT rp, region, working_days, has_expenditure, expenditure_eur
    FROM filtered_assignments($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned,
                              f_eligibilities := $eligibilities, f_nationalities := $nationalities)
),
grouped AS (
    SELECT
        CASE WHEN grouping(rp) = 0 THEN 'period' ELSE 'region' END AS dimension,
        coalesce(rp, region) AS category,  -- the grouping set's own column (the other one is NULL in it)
        sum(expenditure_eur) FILTER (WHERE has_expenditure) AS expenditure,
        sum(working_days) FILTER (WHERE has_expenditure) AS costed_days,
        sum(working_days) AS working_days
    FROM costed
    GROUP BY GROUPING SETS ((rp), (region))
)
SELECT
    k.dimension,
    k.category,
    coalesce(p.sort_order, g.sort_order, 99) AS sort_order,
    round(k.expenditure, 2) AS expenditure_eur,
    coalesce(k.costed_days, 0) AS costed_working_days,
    k.working_days,
    k.expenditure / nullif(k.costed_days, 0) AS expenditure_per_day
FROM grouped k
LEFT JOIN reporting_period p ON k.dimension = 'period' AND p.code = k.category
LEFT JOIN region g ON k.dimension = 'region' AND g.region = k.category
ORDER BY k.dimension, sort_order, k.category;
