-- Median working days per activity and per expert mission (assignment), by reporting period of the
-- activity's start, then over every period in view. An activity's days are those of its assignments
-- in scope. Days are cast to DOUBLE: a median of DECIMAL(6,1) days keeps one decimal (5.75 -> 5.7).
WITH x AS (
    SELECT *
    FROM filtered_assignments($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned,
                              f_eligibilities := $eligibilities, f_nationalities := $nationalities)
),
-- Without a slicer every assignment of an activity in view is in view: the activity's stored days; with one, the
-- days of its assignments in view (only one of the two branches runs).
per_activity AS (
    SELECT rp, activity_key, working_days
    FROM filtered_activity_days($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE $eligibilities::VARCHAR[] = [] AND $nationalities::VARCHAR[] = []
    UNION ALL
    SELECT rp, activity_key, sum(working_days) AS working_days
    FROM x
    WHERE NOT ($eligibilities::VARCHAR[] = [] AND $nationalities::VARCHAR[] = [])
    GROUP BY ALL
),
medians AS (
    SELECT rp AS period, 'Per activity' AS measure, median(working_days::DOUBLE) AS median_days, count(*) AS n
    FROM per_activity GROUP BY rp
    UNION ALL
    SELECT 'All periods in view', 'Per activity', median(working_days::DOUBLE), count(*) FROM per_activity
    HAVING count(*) > 0
    UNION ALL
    SELECT rp, 'Per expert mission', median(working_days::DOUBLE), count(*) FROM x GROUP BY rp
    UNION ALL
    SELECT 'All periods in view', 'Per expert mission', median(working_days::DOUBLE), count(*) FROM x
    HAVING count(*) > 0
)
SELECT m.period, m.measure, m.median_days, m.n, coalesce(p.sort_order, 100) AS sort_order
FROM medians m
LEFT JOIN reporting_period p ON p.code = m.period
-- the periods in order, an unknown period after them, every period in view last (ties broken, so the order never varies)
ORDER BY sort_order, m.period = 'All periods in view', m.measure;
