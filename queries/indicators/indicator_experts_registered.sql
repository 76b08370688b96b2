-- LF-O1: suitable experts available in the PMT: experts registered in the period, and registered on or
-- before its end (cumulative, the roster before RP1 included). The roster is not tied to requests, so the
-- request filters do not apply to it. Base = the value. Counted from the experts registered on each date.
WITH measured AS (
    SELECT p.period,
           coalesce(sum(r.experts) FILTER (WHERE r.registration_date >= p.start_date), 0) AS within_value,
           coalesce(sum(r.experts), 0) AS cumulative_value,
           within_value AS within_base,
           cumulative_value AS cumulative_base
    FROM indicator_periods($indicator_id, $periods) p
    LEFT JOIN v_expert_registrations r ON r.registration_date <= p.end_date
    GROUP BY p.period
)
SELECT * FROM indicator_frame($indicator_id, $periods, 'measured')
ORDER BY period_order
