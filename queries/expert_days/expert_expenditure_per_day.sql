-- Expenditure per expert working day ($dimension: period or region), ratio of sums (docs/definitions.md).
-- Lines booked on an assignment stay with it; the other lines of an activity (or of the
-- action, when no activity is named) are shared among its assignments pro rata to working days, so
-- slices add up. Only the days of actions with expenditure recorded enter the denominator: unknown
-- expenditure is never counted as zero. Both sides go to the reporting period of the activity's start.
WITH x AS (
    SELECT *
    FROM filtered_assignments($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned,
                              f_eligibilities := $eligibilities, f_nationalities := $nationalities)
),
costed AS (  -- each assignment carries its costs (v_assignment)
    SELECT rp, region, working_days, has_expenditure, expenditure_eur FROM x
)
SELECT
    CASE $dimension WHEN 'period' THEN k.rp ELSE k.region END AS category,
    coalesce(min(p.sort_order), min(g.sort_order), 99) AS sort_order,
    round(sum(k.expenditure_eur) FILTER (WHERE k.has_expenditure), 2) AS expenditure_eur,
    coalesce(sum(k.working_days) FILTER (WHERE k.has_expenditure), 0) AS costed_working_days,
    sum(k.working_days) AS working_days,
    sum(k.expenditure_eur) FILTER (WHERE k.has_expenditure)
        / nullif(sum(k.working_days) FILTER (WHERE k.has_expenditure), 0) AS expenditure_per_day
FROM costed k
LEFT JOIN reporting_period p ON $dimension = 'period' AND p.code = k.rp
LEFT JOIN region g ON $dimension <> 'period' AND g.region = k.region
GROUP BY 1
ORDER BY sort_order, category;
