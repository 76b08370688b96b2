-- Experts registered in the roster by the data date, by $dimension: 'type' (within main type), 'nationality'
-- (top ten, the rest as Other), 'gender' or 'eligibility' (area of eligibility). The roster is not tied to
-- requests: the sidebar filters do not apply.
WITH registered AS (
    SELECT * FROM expert
    WHERE registration_date IS NULL OR registration_date <= (SELECT max(as_of) FROM dataset_info)
),
by_value AS (
    SELECT CASE $dimension WHEN 'type' THEN main_type || ' · ' || type WHEN 'nationality' THEN nationality
                           WHEN 'gender' THEN gender ELSE area_of_eligibility END AS value,
           count(*) AS experts, bool_or(is_synthetic) AS is_synthetic
    FROM registered
    GROUP BY ALL
),
ranked AS (
    SELECT *, row_number() OVER (ORDER BY experts DESC, value) AS rank FROM by_value
)
SELECT CASE WHEN $dimension = 'nationality' AND rank > 10 THEN 'Other' ELSE value END AS category,
       sum(experts) AS experts,
       sum(experts) / (SELECT count(*) FROM registered) AS share,
       bool_or(is_synthetic) AS is_synthetic,
       min(rank) AS sort_order
FROM ranked
GROUP BY 1
ORDER BY category = 'Other', sort_order;
