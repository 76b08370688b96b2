-- BD-4: new requesting partner countries: countries with a request in scope in the period and no request at all
-- before it; cumulative = new since RP1. "First" compares with every earlier request of the country, whatever
-- the filters, SOCIEUX ones included when the data has them (docs/definitions.md, "Logframe").
-- Base = countries requesting in the period.
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
requests AS (
    SELECT country, rp_order
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
),
first_any AS (
    SELECT country, min(rp_order) AS first_order FROM v_request GROUP BY country
),
-- A country in scope is new in the period of its first request of all, when that period has one in scope.
first_request AS (
    SELECT DISTINCT r.country, r.rp_order AS first_order
    FROM requests r JOIN first_any f ON f.country = r.country AND f.first_order = r.rp_order
),
measured AS (
    SELECT p.period,
           (SELECT count(*) FROM first_request f WHERE f.first_order = p.period_order) AS within_value,
           (SELECT count(*) FROM first_request f WHERE f.first_order BETWEEN 1 AND p.period_order) AS cumulative_value,
           (SELECT count(DISTINCT r.country) FROM requests r WHERE r.rp_order = p.period_order) AS within_base,
           (SELECT count(DISTINCT r.country) FROM requests r WHERE r.rp_order BETWEEN 1 AND p.period_order)
               AS cumulative_base
    FROM periods p
)
SELECT * FROM indicator_frame($indicator_id, $periods, 'measured')
ORDER BY period_order
