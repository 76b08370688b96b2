-- What the filters of the Evaluation follow-up page offer: evaluations (own first), organisations,
-- responsible, response as printed, tracking status (with Overdue).
SELECT 'evaluation' AS dimension, evaluation_id AS value,
       title || ' (' || evaluation_id || ')' || CASE WHEN is_facility_own THEN '' ELSE ' · example, other programme' END
           AS label,
       NOT is_facility_own AS is_example, row_number() OVER (ORDER BY NOT is_facility_own, evaluation_year, evaluation_id) AS sort_order
FROM evaluation
UNION ALL
SELECT 'organisation', organisation,
       organisation || CASE WHEN bool_or(is_facility_own) THEN '' ELSE ' · example, other programme' END,
       NOT bool_or(is_facility_own), row_number() OVER (ORDER BY NOT bool_or(is_facility_own), organisation)
FROM evaluation GROUP BY organisation
UNION ALL
SELECT 'responsible', r, r, false, row_number() OVER (ORDER BY r)
FROM (SELECT DISTINCT coalesce(responsible, 'Not stated') AS r FROM key_action)
UNION ALL
SELECT 'response', r, r, false, row_number() OVER (ORDER BY r)
FROM (SELECT DISTINCT coalesce(response, 'Not stated') AS r FROM recommendation)
UNION ALL
SELECT 'status', progress, progress, false, progress_order FROM v_progress_group
ORDER BY dimension, sort_order;
