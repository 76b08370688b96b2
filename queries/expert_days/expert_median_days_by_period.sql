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
-- Activities and missions counted per period and number of days (days take few values), then per period and over
-- every period in view: the medians are read from these counts instead of sorting every activity and mission.
counted AS (
    SELECT 'Per activity' AS measure, rp, working_days::DOUBLE AS days, count(*) AS n FROM per_activity GROUP BY ALL
    UNION ALL
    SELECT 'Per expert mission', rp, working_days::DOUBLE, count(*) FROM x GROUP BY ALL
),
grouped AS (
    SELECT measure, rp AS period, days, n FROM counted
    UNION ALL
    SELECT measure, 'All periods in view', days, sum(n) FROM counted GROUP BY measure, days
),
-- The median exactly as median() takes it: the middle value, or halfway between the two middle ones (positions
-- counted on the running total of activities or missions by days).
ranked AS (
    SELECT *, sum(n) OVER (PARTITION BY measure, period ORDER BY days) AS up_to,
           sum(n) OVER (PARTITION BY measure, period) AS total
    FROM grouped
),
medians AS (
    SELECT period, measure,
           min(days) FILTER (WHERE up_to >= (total - 1) // 2 + 1) AS lower_days,
           min(days) FILTER (WHERE up_to >= total // 2 + 1) AS upper_days,
           sum(n)::BIGINT AS n
    FROM ranked
    GROUP BY period, measure
)
SELECT m.period, m.measure, m.lower_days + (m.upper_days - m.lower_days) * 0.5 AS median_days, m.n,
       coalesce(p.sort_order, 100) AS sort_order
FROM medians m
LEFT JOIN reporting_period p ON p.code = m.period
-- the periods in order, an unknown period after them, every period in view last (ties broken, so the order never varies)
ORDER BY sort_order, m.period = 'All periods in view', m.measure;
