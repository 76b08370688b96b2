-- LF-O2: experts mobilised for specific actions: distinct experts with an assignment on an activity that
-- started in the period, and since RP1 (cumulative). Base = the number of assignments.
-- An expert counts cumulatively from the first period of an assignment: distinct experts are counted once
-- per period and once per first period, never over a period-by-period copy of the assignments.
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
assignments AS (
    SELECT x.expert_id, rp.sort_order AS rp_order
    FROM filtered_assignments([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) x
    JOIN reporting_period rp ON rp.code = x.rp AND rp.programme = 'SOCIEUX+'
),
per_period AS (
    SELECT rp_order, count(DISTINCT expert_id) AS experts, count(expert_id) AS assignments
    FROM assignments
    GROUP BY rp_order
),
first_period AS (
    SELECT rp_order, count(*) AS experts
    FROM (SELECT min(rp_order) AS rp_order FROM assignments WHERE expert_id IS NOT NULL GROUP BY expert_id)
    GROUP BY rp_order
),
measured AS (
    SELECT p.period,
           coalesce(sum(q.experts) FILTER (WHERE q.rp_order = p.period_order), 0) AS within_value,
           coalesce((SELECT sum(f.experts) FROM first_period f WHERE f.rp_order BETWEEN 1 AND p.period_order), 0)
               AS cumulative_value,
           coalesce(sum(q.assignments) FILTER (WHERE q.rp_order = p.period_order), 0) AS within_base,
           coalesce(sum(q.assignments), 0) AS cumulative_base
    FROM periods p
    LEFT JOIN per_period q ON q.rp_order BETWEEN 1 AND p.period_order
    GROUP BY p.period, p.period_order
)
SELECT p.period, p.period_label, p.period_order, p.period_started, p.period_finished,
       CASE WHEN p.period_started THEN m.within_value END::DOUBLE AS within_value,
       CASE WHEN p.period_started THEN m.cumulative_value END::DOUBLE AS cumulative_value,
       CASE WHEN p.period_started THEN m.within_base END::DOUBLE AS within_base,
       CASE WHEN p.period_started THEN m.cumulative_base END::DOUBLE AS cumulative_base,
       t.target_value, t.baseline_value, t.source AS target_source
FROM periods p
JOIN measured m USING (period)
LEFT JOIN target t ON t.indicator_id = $indicator_id AND t.period_code = p.period
ORDER BY p.period_order
