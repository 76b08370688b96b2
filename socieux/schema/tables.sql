-- Tables of one dataset version (docs/definitions.md).
-- Every data table carries is_synthetic: demo rows are labelled in the data itself.

-- Reference tables ------------------------------------------------------------------------------

CREATE TABLE reporting_period (
    code        VARCHAR PRIMARY KEY,
    programme   VARCHAR NOT NULL,
    start_date  DATE NOT NULL,
    end_date    DATE NOT NULL,
    label       VARCHAR NOT NULL,
    sort_order  INTEGER NOT NULL
);

CREATE TABLE stage (
    stage       VARCHAR PRIMARY KEY,
    label       VARCHAR NOT NULL,
    sort_order  INTEGER NOT NULL
);

CREATE TABLE status (
    status        VARCHAR PRIMARY KEY,
    label         VARCHAR NOT NULL,      -- the facility's spelling, e.g. "Fractioned"
    stage         VARCHAR NOT NULL REFERENCES stage (stage),
    closure_type  VARCHAR,               -- NULL while the record is open
    meaning       VARCHAR,
    sort_order    INTEGER NOT NULL
);

CREATE TABLE status_alias (
    alias   VARCHAR PRIMARY KEY,
    status  VARCHAR NOT NULL
);

-- Each KPI word (received, in processing, implemented ...) is a named, editable set of statuses.
CREATE TABLE status_set (
    set_name    VARCHAR NOT NULL,
    label       VARCHAR NOT NULL,
    definition  VARCHAR NOT NULL,
    status      VARCHAR NOT NULL,
    PRIMARY KEY (set_name, status)
);

CREATE TABLE area_of_work (
    area_of_work  VARCHAR PRIMARY KEY,
    short_code    VARCHAR NOT NULL,
    sort_order    INTEGER NOT NULL
);

CREATE TABLE area_alias (
    alias         VARCHAR PRIMARY KEY,
    area_of_work  VARCHAR NOT NULL
);

CREATE TABLE region (
    region      VARCHAR PRIMARY KEY,
    sort_order  INTEGER NOT NULL
);

CREATE TABLE income_group (
    income_group  VARCHAR PRIMARY KEY,
    sort_order    INTEGER NOT NULL
);

CREATE TABLE partner_country (
    country              VARCHAR PRIMARY KEY,
    iso3                 VARCHAR,
    region               VARCHAR,
    income_group         VARCHAR,
    eligibility          VARCHAR,
    income_group_source  VARCHAR,
    is_eligible          BOOLEAN NOT NULL DEFAULT true
);

CREATE TABLE country_alias (
    alias    VARCHAR PRIMARY KEY,
    country  VARCHAR NOT NULL
);

-- Requests and actions: one record, one code --------------------------------------------------

CREATE TABLE request_action (
    code                      VARCHAR PRIMARY KEY,
    programme_received        VARCHAR NOT NULL DEFAULT 'SOCIEUX+',
    legacy                    BOOLEAN NOT NULL DEFAULT false,
    date_received             DATE,
    received_on_is_estimate   BOOLEAN NOT NULL DEFAULT false,
    reporting_period          VARCHAR,   -- as given; the view derives it from the date when absent
    country                   VARCHAR NOT NULL,
    partner_institution       VARCHAR NOT NULL,
    title                     VARCHAR NOT NULL,
    general_objective         VARCHAR,
    area_of_work              VARCHAR NOT NULL,
    type_of_assistance        VARCHAR,
    gender_relevant           BOOLEAN NOT NULL,
    disability_relevant       BOOLEAN NOT NULL,
    status                    VARCHAR NOT NULL,
    status_date               DATE,
    merged_into_code          VARCHAR,
    fractioned_from_code      VARCHAR,
    replaced_by_code          VARCHAR,
    working_days              DECIMAL(8, 1),
    mission_days              DECIMAL(8, 1),
    expenditure_eur           DECIMAL(12, 2),  -- NULL = unknown, never 0
    as_of                     DATE NOT NULL,
    extra                     JSON,            -- columns of the upload that have no place here
    is_synthetic              BOOLEAN NOT NULL DEFAULT false
);

-- The processing steps in the order they happen (data/reference/processing_steps.csv).
CREATE TABLE processing_step (
    step        VARCHAR PRIMARY KEY,
    label       VARCHAR NOT NULL,
    step_order  INTEGER NOT NULL
);

-- Processing-step dates, one row per request and step (docs/definitions.md, "Processing times").
CREATE TABLE milestone (
    code          VARCHAR NOT NULL,
    step          VARCHAR NOT NULL,
    event_date    DATE NOT NULL,
    is_synthetic  BOOLEAN NOT NULL DEFAULT false
    -- key (code, step), checked when a version is published (socieux/store.py, KEYS_CHECKED_ON_PUBLISH)
);

-- Status history (docs/definitions.md, "Stocks and flows"): a request had this status from valid_from on.
-- source 'history': a workbook's status_history sheet (or dated status milestones); 'snapshot': the statuses
-- of an upload at its data date, kept from one version to the next, so successive uploads give the stocks
-- at the end of each reporting period.
CREATE TABLE status_event (
    code          VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,
    valid_from    DATE NOT NULL,
    source        VARCHAR NOT NULL,
    is_synthetic  BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (code, valid_from, source)
);

-- Activities, experts and their assignments ---------------------------------------------------

CREATE TABLE activity (
    code                VARCHAR NOT NULL,
    activity_no         VARCHAR NOT NULL,   -- '0' = fact-finding; '2.1' = sub-activity
    title               VARCHAR NOT NULL,
    activity_type       VARCHAR,
    is_fact_finding     BOOLEAN NOT NULL,
    modality            VARCHAR,
    start_date          DATE NOT NULL,
    end_date            DATE,
    status              VARCHAR,
    working_days        DECIMAL(8, 1),
    mission_days        DECIMAL(8, 1),
    participants_total  INTEGER,
    is_synthetic        BOOLEAN NOT NULL DEFAULT false
    -- key (code, activity_no), checked when a version is published
);

CREATE TABLE expert (
    expert_id             VARCHAR PRIMARY KEY,  -- pseudonymous, never a name
    gender                VARCHAR NOT NULL,
    nationality           VARCHAR NOT NULL,
    area_of_eligibility   VARCHAR NOT NULL,
    main_type             VARCHAR NOT NULL,
    type                  VARCHAR NOT NULL,
    registration_date     DATE,
    profile_validated     BOOLEAN,
    programme_registered  VARCHAR,
    is_synthetic          BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE expert_assignment (
    assignment_id        VARCHAR NOT NULL,  -- the key, checked when a version is published
    code                 VARCHAR NOT NULL,
    activity_no          VARCHAR NOT NULL,
    expert_id            VARCHAR NOT NULL,
    role                 VARCHAR,
    start_date           DATE,
    end_date             DATE,
    working_days         DECIMAL(6, 1) NOT NULL,
    mission_days         DECIMAL(6, 1),
    -- expert attributes as at the assignment
    main_type            VARCHAR,
    type                 VARCHAR,
    area_of_eligibility  VARCHAR,
    nationality          VARCHAR,
    gender               VARCHAR,
    is_synthetic         BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE expenditure_line (
    line_id         VARCHAR NOT NULL,  -- the key, checked when a version is published
    code            VARCHAR NOT NULL,
    activity_no     VARCHAR,
    assignment_id   VARCHAR,
    cost_category   VARCHAR NOT NULL,
    amount_eur      DECIMAL(12, 2) NOT NULL,
    expense_date    DATE,
    budget_type     VARCHAR NOT NULL DEFAULT 'Actual',
    is_synthetic    BOOLEAN NOT NULL DEFAULT false
);

-- Feedback questionnaires PIF, EXF, PAF (docs/definitions.md) ---------------------------------------

CREATE TABLE survey_question (
    form           VARCHAR NOT NULL,   -- PIF | EXF | PAF
    question_code  VARCHAR NOT NULL,   -- Q.01 ...
    domain         VARCHAR NOT NULL,
    wording        VARCHAR NOT NULL,
    short_label    VARCHAR NOT NULL,
    scale          VARCHAR NOT NULL,   -- L5 | A5 | A5+NR | A5+NA | YN
    sort_order     INTEGER NOT NULL,
    PRIMARY KEY (form, question_code)
);

CREATE TABLE survey_response (
    form             VARCHAR NOT NULL,
    response_id      VARCHAR NOT NULL,
    code             VARCHAR NOT NULL,
    activity_no      VARCHAR,
    submitted_date   DATE NOT NULL,
    respondent_role  VARCHAR,   -- EXF: role in the activity; PAF: type of activity
    respondent_sex   VARCHAR,
    is_synthetic     BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (form, response_id)
);

CREATE TABLE survey_answer (
    form           VARCHAR NOT NULL,
    response_id    VARCHAR NOT NULL,
    question_code  VARCHAR NOT NULL,
    answer_label   VARCHAR,
    answer_score   INTEGER,             -- NULL for Not relevant / Not applicable / blank
    is_na          BOOLEAN NOT NULL DEFAULT false,
    is_synthetic   BOOLEAN NOT NULL DEFAULT false
);

-- Logframe targets: never in code -------------------------------------------------------------

CREATE TABLE target (
    indicator_id    VARCHAR NOT NULL,
    period_code     VARCHAR NOT NULL,
    target_value    DOUBLE NOT NULL,
    baseline_value  DOUBLE,
    source          VARCHAR,
    PRIMARY KEY (indicator_id, period_code)
);

-- What this dataset version is: one row ---------------------------------------------------------

CREATE TABLE dataset_info (
    version_id       INTEGER NOT NULL,
    as_of            DATE NOT NULL,
    loaded_at        TIMESTAMP NOT NULL,
    loaded_by        VARCHAR NOT NULL,
    file_name        VARCHAR,
    sha256           VARCHAR,
    source           VARCHAR NOT NULL,   -- the provenance line shown on every page
    schema_version   VARCHAR NOT NULL,
    has_synthetic    BOOLEAN NOT NULL,
    -- what the version is, whoever loaded it (docs/definitions.md, "Kinds of version")
    kind             VARCHAR NOT NULL CHECK (kind IN ('bundled', 'upload', 'benchmark'))
);
