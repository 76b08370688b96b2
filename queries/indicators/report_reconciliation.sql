-- The final report's totals beside the dashboard's, each with the reason they differ (docs/definitions.md,
-- "Reconciliation with the final report"). The report's figures are facility-wide, so the dashboard's are
-- counted over every request (no sidebar filter), in the countries a figure names.
WITH counted AS (
    SELECT f.figure_id,
           CASE any_value(f.measure)
               WHEN 'working_days' THEN sum(r.working_days)
               WHEN 'expenditure_eur' THEN sum(r.expenditure_eur)
               WHEN 'received' THEN count(r.code)
           END::DOUBLE AS dashboard
    FROM report_figure f
    LEFT JOIN request_action r ON len(f.countries) = 0 OR list_contains(f.countries, r.country)
    GROUP BY f.figure_id
)
SELECT f.figure_id, f.label AS "Figure", f.unit AS "Unit", c.dashboard AS "Dashboard",
       f.report_value AS "Final report", f.report_value - c.dashboard AS "Difference",
       f.reason AS "Why they differ", f.source AS "Source of the report's figure"
FROM report_figure f
JOIN counted c USING (figure_id)
WHERE len($figures::VARCHAR[]) = 0 OR list_contains($figures::VARCHAR[], f.figure_id)
ORDER BY f.figure_id;
