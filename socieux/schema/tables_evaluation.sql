-- Evaluation follow-up (docs/definitions.md, "Evaluation follow-up"): evaluations, their findings and
-- recommendations with management's response, the key actions planned, and the follow-up updates.
-- Text is kept as printed; a status is stored only where one was stated (never guessed).

CREATE TABLE evaluation (
    evaluation_id     VARCHAR PRIMARY KEY,
    is_facility_own   BOOLEAN NOT NULL,   -- false: another programme's record, shown as an example only
    organisation      VARCHAR NOT NULL,   -- who responds
    programme         VARCHAR,
    title             VARCHAR NOT NULL,
    evaluation_type   VARCHAR,
    commissioned_by   VARCHAR,
    evaluator         VARCHAR,
    evaluation_date   VARCHAR,            -- as printed ("January-May 2019")
    evaluation_year   INTEGER,
    response_date     VARCHAR,            -- ISO, possibly reduced precision ("2018-11")
    approved_by       VARCHAR,
    approval_date     VARCHAR,
    overall_response  VARCHAR,
    source            VARCHAR,
    notes             VARCHAR
);

CREATE TABLE finding (
    evaluation_id      VARCHAR NOT NULL,
    finding_id         VARCHAR NOT NULL,   -- C1 ... or KF1 ...
    number_as_printed  VARCHAR,
    criterion          VARCHAR,
    text               VARCHAR NOT NULL,
    source_line        VARCHAR,
    PRIMARY KEY (evaluation_id, finding_id)
);

CREATE TABLE recommendation (
    evaluation_id         VARCHAR NOT NULL,
    recommendation_id     VARCHAR NOT NULL,
    sequence              INTEGER NOT NULL,   -- order in the document
    number_as_printed     VARCHAR,
    section_as_printed    VARCHAR,
    title                 VARCHAR,
    addressed_to          VARCHAR,
    timeframe             VARCHAR,            -- immediate | short | medium | long | short to medium
    timeframe_as_printed  VARCHAR,
    priority              VARCHAR,
    resource_implication  VARCHAR,
    text                  VARCHAR NOT NULL,
    related_findings      VARCHAR,            -- ';'-separated finding ids
    response              VARCHAR,            -- management's position as printed (agree, High relevance ...)
    response_text         VARCHAR,
    considerations_text   VARCHAR,
    source_line           VARCHAR,
    notes                 VARCHAR,
    PRIMARY KEY (evaluation_id, recommendation_id)
);

CREATE TABLE key_action (
    evaluation_id       VARCHAR NOT NULL,
    recommendation_id   VARCHAR NOT NULL,
    action_id           VARCHAR NOT NULL,
    sequence            INTEGER NOT NULL,
    text                VARCHAR NOT NULL,
    responsible         VARCHAR,
    responsible_basis   VARCHAR,   -- 'as printed' or 'default: ...'
    period_text         VARCHAR,   -- as printed
    period_start        DATE,      -- only where the text gives an honest reading
    period_end          DATE,
    section_as_printed  VARCHAR,   -- proposed measures, or measures and considerations mixed
    source_line         VARCHAR,
    notes               VARCHAR,
    PRIMARY KEY (evaluation_id, recommendation_id, action_id)
);

CREATE TABLE followup_update (
    evaluation_id       VARCHAR NOT NULL,
    update_id           VARCHAR NOT NULL,
    recommendation_id   VARCHAR NOT NULL,
    action_id           VARCHAR,            -- NULL: the update concerns the whole recommendation
    sequence            INTEGER,
    as_of               VARCHAR,            -- label as printed (RP4)
    as_of_date          DATE NOT NULL,
    status_as_printed   VARCHAR,            -- NULL where no status is stated
    text                VARCHAR,
    section_as_printed  VARCHAR,
    source_line         VARCHAR,
    recorded_by         VARCHAR,            -- staff who recorded it in the dashboard
    recorded_at         TIMESTAMP,
    PRIMARY KEY (evaluation_id, update_id)
);
