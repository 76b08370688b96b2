-- BD-6 / BD-7: requests received whose type of assistance is $assistance or one of its sub-types
-- (A.02 institutional, A.03 organisational capacity building), by period of receipt and since RP1.
-- Base = requests received with a type of assistance recorded (published, uploaded or synthetic: v_request_type).
WITH received AS (
    -- a request with several types counts once
    SELECT r.rp_order,
           bool_or(t.type_code = $assistance OR starts_with(t.type_code, $assistance || '.')) AS counts
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) r
    JOIN v_request_type t USING (code)
    WHERE r.programme_received = 'SOCIEUX+'
    GROUP BY r.code, r.rp_order
)
SELECT * FROM indicator_count($indicator_id, $periods, 'received')
ORDER BY period_order
