-- Expenditure per expert working day ($dimension: period or region), ratio of sums (domain.md §6,
-- §13 #5-6). Lines booked on an assignment stay with it; the other lines of an activity (or of the
-- action, when no activity is named) are shared among its assignments pro rata to working days, so
-- slices add up. Only the days of actions with expenditure recorded enter the denominator: unknown
-- expenditure is never counted as zero. Both sides go to the reporting period of the activity's start.
WITH x AS (
    SELECT *
    FROM filtered_assignments($periods, $regions, $income_groups, $areas, $countries, $stages)
    WHERE (len($eligibilities::VARCHAR[]) = 0 OR list_contains($eligibilities::VARCHAR[], area_of_eligibility))
      AND (len($nationalities::VARCHAR[]) = 0 OR list_contains($nationalities::VARCHAR[], nationality))
),
activity_days AS (
    SELECT code, activity_no, sum(working_days) AS days FROM expert_assignment GROUP BY ALL
),
action_days AS (
    SELECT code, sum(working_days) AS days FROM expert_assignment GROUP BY ALL
),
on_assignment AS (
    SELECT assignment_id, sum(amount_eur) AS amount
    FROM expenditure_line WHERE assignment_id IS NOT NULL GROUP BY ALL
),
on_activity AS (
    SELECT code, activity_no, sum(amount_eur) AS amount
    FROM expenditure_line WHERE assignment_id IS NULL AND activity_no IS NOT NULL GROUP BY ALL
),
on_action AS (
    SELECT code, sum(amount_eur) AS amount
    FROM expenditure_line WHERE assignment_id IS NULL AND activity_no IS NULL GROUP BY ALL
),
costed AS (
    SELECT
        x.rp, x.region, x.working_days,
        x.code IN (SELECT code FROM expenditure_line) AS has_expenditure,
        coalesce(s.amount, 0)
        + coalesce(t.amount * x.working_days / nullif(ad.days, 0), 0)
        + coalesce(c.amount * x.working_days / nullif(cd.days, 0), 0) AS expenditure_eur
    FROM x
    LEFT JOIN on_assignment s USING (assignment_id)
    LEFT JOIN on_activity t USING (code, activity_no)
    LEFT JOIN activity_days ad USING (code, activity_no)
    LEFT JOIN on_action c USING (code)
    LEFT JOIN action_days cd USING (code)
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
