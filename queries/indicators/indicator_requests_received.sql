-- LF-O7 / BD-1: requests received from partner countries (SOCIEUX+ programme), per reporting period of
-- receipt and cumulative since RP1. The period filter picks the periods shown; cumulative values always
-- count from RP1. Targets come from the target table for $indicator_id. Base = the value.
WITH received AS (
    SELECT rp_order, true AS counts
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE programme_received = 'SOCIEUX+'
)
SELECT * FROM indicator_count($indicator_id, $periods, 'received')
ORDER BY period_order
