-- The shape every logframe indicator query returns (socieux/indicators.py reads it; docs/definitions.md,
-- "Logframe"). An indicator query computes, in a CTE it names (e.g. 'measured'), one row per period with
-- within_value, cumulative_value, within_base and cumulative_base; these macros add the rest.

-- One row per period shown (indicator_periods): the measured values and bases only for periods started by the
-- data date, any other column of the measured CTE as it is, then the period's target and baseline.
CREATE MACRO indicator_frame(f_indicator, f_periods, measured) AS TABLE
SELECT p.period, p.period_label, p.period_order, p.period_started, p.period_finished,
       CASE WHEN p.period_started THEN m.within_value END::DOUBLE AS within_value,
       CASE WHEN p.period_started THEN m.cumulative_value END::DOUBLE AS cumulative_value,
       CASE WHEN p.period_started THEN m.within_base END::DOUBLE AS within_base,
       CASE WHEN p.period_started THEN m.cumulative_base END::DOUBLE AS cumulative_base,
       m.* EXCLUDE (period, within_value, cumulative_value, within_base, cumulative_base),
       t.target_value, t.baseline_value, t.source AS target_source
FROM indicator_periods(f_indicator, f_periods) p
JOIN query_table(measured) m USING (period)
LEFT JOIN target t ON t.indicator_id = f_indicator AND t.period_code = p.period
ORDER BY p.period_order;

-- The rows an indicator's periods measure: each row of the CTE named `rows` (one with an rp_order) in every period
-- shown from its own on, for the cumulative value, with `within` true in its own period; a period without any row
-- once with NULLs, so that every period has a value.
CREATE MACRO indicator_rows(f_indicator, f_periods, rows) AS TABLE
SELECT p.period, p.period_order, r.*, r.rp_order = p.period_order AS within
FROM indicator_periods(f_indicator, f_periods) p
LEFT JOIN query_table(rows) r ON r.rp_order BETWEEN 1 AND p.period_order;

-- An indicator whose value and base add up over periods: the CTE named `summed` holds one row per rp_order with
-- the `value` and `base` of that period's things. Value and base within each period shown and since RP1, from
-- these few rows (a running total, never a copy of the things per period).
CREATE MACRO indicator_sums(f_indicator, f_periods, summed) AS TABLE
WITH measured AS (
    SELECT p.period,
           coalesce(sum(s.value) FILTER (WHERE s.rp_order = p.period_order), 0) AS within_value,
           coalesce(sum(s.value), 0) AS cumulative_value,
           coalesce(sum(s.base) FILTER (WHERE s.rp_order = p.period_order), 0) AS within_base,
           coalesce(sum(s.base), 0) AS cumulative_base
    FROM indicator_periods(f_indicator, f_periods) p
    LEFT JOIN query_table(summed) s ON s.rp_order BETWEEN 1 AND p.period_order
    GROUP BY p.period
)
SELECT * FROM indicator_frame(f_indicator, f_periods, 'measured');

-- An indicator that counts things: the CTE named `counted` holds one row per thing in the base, with the
-- rp_order of its period and whether it counts in the value (`counts`). Value = the things that count, base =
-- all of them, received (started, ...) in the period and since RP1.
CREATE MACRO indicator_count(f_indicator, f_periods, counted) AS TABLE
WITH counted_per_period AS (
    SELECT rp_order, count(*) FILTER (WHERE counts) AS value, count(*) AS base
    FROM query_table(counted)
    WHERE rp_order IS NOT NULL
    GROUP BY rp_order
)
SELECT * FROM indicator_sums(f_indicator, f_periods, 'counted_per_period');

-- The target of an indicator's latest period that has one (a chart over several periods shows one line).
CREATE MACRO latest_target(f_indicator) AS (
    SELECT t.target_value
    FROM target t JOIN reporting_period rp ON rp.code = t.period_code
    WHERE t.indicator_id = f_indicator
    ORDER BY rp.sort_order DESC
    LIMIT 1
);
