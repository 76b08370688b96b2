-- The original logframe 2016-2020 as the final report publishes it (docs/definitions.md, "Logframe"):
-- each indicator's baseline, target and direction, and the values the report printed per period.

CREATE TABLE logframe_indicator (
    indicator_id      VARCHAR PRIMARY KEY,
    level             VARCHAR NOT NULL,   -- Impact | Outcome | Output
    indicator         VARCHAR NOT NULL,
    unit              VARCHAR,
    baseline_text     VARCHAR,
    baseline_value    DOUBLE,
    target_text       VARCHAR,
    target_value      DOUBLE,
    target_direction  VARCHAR NOT NULL,   -- up | down | qualitative
    note              VARCHAR,
    sort_order        INTEGER NOT NULL
);

-- A value the report published, as printed, with the number read from it where the text is one.
CREATE TABLE reported_value (
    indicator_id  VARCHAR NOT NULL,
    period_code   VARCHAR NOT NULL,       -- RP1, RP2, RP3; RP4 = the final report's value
    value_text    VARCHAR NOT NULL,
    value         DOUBLE,                 -- NULL where the text is not one number
    comparison    VARCHAR,                -- '>' or '<' where the report prints ">6 weeks"
    PRIMARY KEY (indicator_id, period_code)
);

-- Why a value the dashboard computes may differ from the one the report published.
CREATE TABLE reported_difference (
    indicator_id  VARCHAR PRIMARY KEY,
    reason        VARCHAR NOT NULL
);

-- Totals the final report publishes that the request list cannot reproduce, each with its reason: shown
-- beside the dashboard's own value wherever that total appears.
CREATE TABLE report_figure (
    figure_id     VARCHAR PRIMARY KEY,
    label         VARCHAR NOT NULL,
    measure       VARCHAR NOT NULL,     -- working_days | expenditure_eur | received
    countries     VARCHAR[] NOT NULL,   -- empty: every country
    report_value  DOUBLE NOT NULL,
    unit          VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    reason        VARCHAR NOT NULL
);
