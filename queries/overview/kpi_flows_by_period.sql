-- Expert working days and action expenditure per reporting period in which they happened (docs/definitions.md,
-- "Stocks and flows"): days by the start of their activity, expenditure lines by date of expense, else by
-- the start of their activity (v_request_spending). Every period, all sidebar filters but the period one.
WITH days AS (
    SELECT rp, sum(working_days) AS working_days
    FROM filtered_activity_days([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    GROUP BY rp
),
money AS (
    SELECT rp, sum(expenditure_eur) AS expenditure_eur
    FROM request_rows_in_filters('v_request_spending', []::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    GROUP BY rp
)
SELECT p.code AS period, p.sort_order, p.end_date <= (SELECT max(as_of) FROM dataset_info) AS is_finished,
       coalesce(d.working_days, 0) AS working_days,
       coalesce(m.expenditure_eur, 0) AS expenditure_eur
FROM reporting_period p
LEFT JOIN days d ON d.rp = p.code
LEFT JOIN money m ON m.rp = p.code
ORDER BY p.sort_order;
