-- BD-6 / BD-7: requests received whose type of assistance is $assistance or one of its sub-types
-- (A.02 institutional, A.03 organisational capacity building), by period of receipt and since RP1.
-- Base = requests received with a type of assistance recorded (published, uploaded or synthetic: v_request_type).
WITH received AS (
    -- a request with several types counts once: one of its types (type_codes, ';A.02.01;B.00;') is $assistance
    -- or below it
    SELECT rp_order,
           contains(type_codes, ';' || $assistance || ';') OR contains(type_codes, ';' || $assistance || '.') AS counts
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE programme_received = 'SOCIEUX+' AND NOT is_unclassified(type_codes)
)
SELECT * FROM indicator_count($indicator_id, $periods, 'received')
ORDER BY period_order
