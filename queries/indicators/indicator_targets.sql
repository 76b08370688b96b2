-- Every target of one indicator, with the order of its reporting period: a count set for the end of the
-- logframe also gives the share due by each period before it (socieux/indicators.py interim_target).
SELECT t.period_code, p.sort_order AS period_order, t.target_value, t.baseline_value, t.source
FROM target t
JOIN reporting_period p ON p.code = t.period_code
WHERE t.indicator_id = $indicator_id
ORDER BY p.sort_order;
