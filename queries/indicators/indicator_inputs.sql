-- Which inputs of the logframe indicators this dataset version holds: rows per input, and how many of
-- them are synthetic demo data. An indicator whose input has no rows says so instead of showing zero.
SELECT 'requests' AS input, count(*) AS rows, count(*) FILTER (WHERE is_synthetic) AS synthetic_rows
FROM request_action
UNION ALL
SELECT 'experts', count(*), count(*) FILTER (WHERE is_synthetic) FROM expert WHERE registration_date IS NOT NULL
UNION ALL
SELECT 'assignments', count(*), count(*) FILTER (WHERE is_synthetic) FROM expert_assignment
UNION ALL
SELECT 'milestones', count(*), count(*) FILTER (WHERE is_synthetic) FROM milestone
UNION ALL
SELECT 'type_of_assistance', count(*), count(*) FILTER (WHERE is_synthetic) FROM v_request_type
UNION ALL
SELECT 'survey_' || f.form, count(s.response_id), count(s.response_id) FILTER (WHERE s.is_synthetic)
FROM (VALUES ('PIF'), ('EXF'), ('PAF')) f(form)
LEFT JOIN survey_response s ON s.form = f.form
GROUP BY f.form
