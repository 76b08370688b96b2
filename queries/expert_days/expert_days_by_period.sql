-- Expert working days per reporting period of the activity's start, split by area of work.
SELECT
    x.rp AS period,
    coalesce(p.sort_order, 99) AS sort_order,
    x.area_of_work,
    coalesce(a.sort_order, 99) AS area_order,
    sum(x.working_days) AS working_days,
    count(*) AS assignments,
    sum(x.working_days) / sum(sum(x.working_days)) OVER () AS share  -- of the working days in view
FROM filtered_assignments($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned,
                          f_eligibilities := $eligibilities, f_nationalities := $nationalities) x
LEFT JOIN reporting_period p ON p.code = x.rp
LEFT JOIN area_of_work a ON a.area_of_work = x.area_of_work
GROUP BY ALL
ORDER BY sort_order, area_order;
