-- The values the final report published for one indicator, as printed, and why the dashboard's may differ.
SELECT v.period_code, v.value_text, v.value, v.comparison, d.reason
FROM reported_value v
LEFT JOIN reported_difference d USING (indicator_id)
WHERE v.indicator_id = $indicator_id
ORDER BY v.period_code;
