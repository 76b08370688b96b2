"""Calibration of the synthetic demo data: the facility's shares and medians (docs/definitions.md), in one place."""

from __future__ import annotations

from socieux.status_sets import statuses_of

# -- Statuses (data/reference/status_sets.csv, docs/definitions.md "Stage and status sets") ----------

# Records whose days go to implemented activities; every other record's days are preparatory work (fact-finding).
IMPLEMENTATION_STATUSES = statuses_of("with_activities")
# The extension plan's "implemented" set is exactly the actions closed after their activities.
CLOSED_WITH_ACTIVITIES = statuses_of("implemented_extension")
# Feedback forms are only sent for actions with activities: the original set plus On-hold.
SURVEYED_STATUSES = statuses_of("with_actions")

# -- Activities (docs/definitions.md) ----------------------------------------------------------

MEDIAN_ACTIVITY_DAYS = 48.0          # drawn per request; fact-finding and small requests pull the median to ≈ 35
MEDIAN_EXPERT_DAYS_PER_MISSION = 17.0
TEAM_SIZE_SHARES = (0.25, 0.6, 0.15)   # one, two, three experts on a mission
MIN_EXPERT_DAYS_PER_MISSION = 4.0
MAX_EXPERT_DAYS_PER_MISSION = 40.0
MAX_ACTIVITY_GROUPS = 4              # '1'-'4' besides fact-finding; more activities become '2.1', '2.2' ...
MAX_EXPERTS_PER_MISSION = 3
FACT_FINDING_SHARE = 0.4             # implemented actions that started with a fact-finding mission
MEDIAN_FACT_FINDING_DAYS = 12.0
MISSION_WEEKS = (1, 3)
COVID_REMOTE_FROM = "2020-03-15"

# (code, title, weight, PAF type of activity or None). Study visits are never first or last.
ACTIVITY_TYPES = (
    ("ADV.1", "Expert advice, coaching and consulting on technical issues", 0.22, None),
    ("ADV.2", "Review of strategy, planning policy, regulation and planning documents", 0.10, None),
    ("ADV.3a", "Advice to the drafting of a strategy", 0.03, None),
    ("ADV.3b", "Advice to the drafting of a planning policy", 0.03, None),
    ("ADV.3c", "Advice to the drafting of regulation and legislation", 0.03, None),
    ("ADV.3d", "Advice to planning", 0.03, None),
    ("ADV.3e", "Advice to budgeting", 0.03, None),
    ("EVT.1", "Roundtable discussion", 0.07, "Roundtable"),
    ("EVT.2", "Thematic workshop and seminar", 0.15, "Workshop"),
    ("TRN.1", "Technical training", 0.17, "Training"),
    ("TRN.2", "Train-the-trainers seminar", 0.06, "Seminar"),
    ("NAS.1", "Contribution to a gaps and needs assessment", 0.05, None),
    ("STV.1", "Study visit", 0.03, None),
)
FACT_FINDING_TYPE = ("FFM", "Fact-finding mission")
STUDY_VISIT = "STV.1"
MAX_STUDY_VISIT_DELEGATES = 8
COSTS_ONLY_TYPE = "EVT.1"            # expenditure without expert days: partner staff at an event

EXPERT_ROLES = (
    "Principal expert", "Technical expert", "Speaker", "Facilitator or moderator", "Trainer", "Other",
)

# -- Experts (docs/definitions.md): shares of expert working days -----------------------------

# nationality -> (share of days, area of eligibility); names in the facility's spelling.
NATIONALITY_SHARES = {
    "France": (0.30, "EU"),
    "Spain": (0.25, "EU"),
    "Germany": (0.05, "EU"),
    "Italy": (0.05, "EU"),
    "Portugal": (0.05, "EU"),
    "Belgium": (0.045, "EU"),
    "Netherlands": (0.025, "EU"),
    "Romania": (0.02, "EU"),
    "Greece": (0.02, "EU"),
    "Poland": (0.015, "EU"),
    "Sweden": (0.015, "EU"),
    "United Kingdom": (0.015, "EU"),
    "Finland": (0.01, "EU"),
    "Austria": (0.01, "EU"),
    "Ireland": (0.01, "EU"),
    "Lithuania": (0.01, "EU"),
    "Czech Republic": (0.01, "EU"),
    "Slovenia": (0.005, "EU"),
    "Croatia": (0.005, "EU"),
    "Bulgaria": (0.005, "EU"),
    "Hungary": (0.005, "EU"),
    "Denmark": (0.005, "EU"),
    "Estonia": (0.005, "EU"),
    "Latvia": (0.005, "EU"),
    "Brazil": (0.01, "PC"),
    "Colombia": (0.01, "PC"),
    "Senegal": (0.01, "PC"),
    "Cabo Verde": (0.005, "PC"),
    "Tunisia": (0.005, "PC"),
    "Morocco": (0.005, "PC"),
    "Switzerland": (0.005, "Non-Eligible"),
}

# (main type, type) -> share of days. Public experts answer the EXF section Q.24-Q.30 (docs/definitions.md).
EXPERT_TYPE_SHARES = {
    ("Public", "Civil Servant"): 0.45,
    ("Public", "Public employee"): 0.10,
    ("Public", "Retired-Public"): 0.10,
    ("Public", "Academic"): 0.05,
    ("Public", "Social partner"): 0.05,
    ("Private", "Freelance"): 0.13,
    ("Private", "Consultant"): 0.10,
    ("Int. Org.", "International organisation staff"): 0.02,
}

GENDER_SHARES = {"male": 0.70, "female": 0.30}

# The roster holds experts who were never mobilised; the active ones are reused across actions.
ROSTER_INACTIVE_SHARE = 0.35
ASSIGNMENTS_PER_EXPERT = 1.7
EXPERT_REGISTRATION_FROM = "2014-01-01"
SOCIEUX_PLUS_START = "2016-09-05"
MEDIAN_DAYS_REGISTERED_BEFORE_FIRST_MISSION = 200.0
UNMOBILISED_PROFILE_VALIDATED = 0.85

# -- Processing steps (docs/definitions.md): median days since the previous step --------------------------

MEDIAN_STEP_GAP_DAYS = {
    # The demo data's own receipt date, a few days after the request list's estimate: no duration ever
    # starts from an estimated date (docs/definitions.md, "Processing times").
    "received": 3.0,
    "eligibility_check": 7.0,
    "relevance_check": 12.0,
    "ff_mission_start": 21.0,
    "ff_report_approved": 14.0,      # after the end of the fact-finding mission
    "rcl_submitted": 12.0,
    "non_objection": 10.0,
    "objection": 14.0,
    "aaf_submitted": 7.0,
    "approved": 6.0,
    "first_mission": 70.0,  # approval to kick-start: sets, with the window below, days by period (see there)
    "final_deliverables_approved": 30.0,
    "final_evaluation_approved": 45.0,
    "closure_letter": 21.0,
    "rejected": 3.0,
}
STEP_GAP_SPREAD = 0.6
AAF_ABOLISHED_FROM = "2019-09-01"     # requests received from RP4 on have no action approval form step                # sigma of the log-normal gaps
# An action's activities fall in a window from its receipt: at least the rest of its reporting period, often
# into later ones (as the facility's do), never past the data cut-off. Approval may use at most this share of
# the window before the first mission. The window's median length is set so that working days by activity
# start follow the shape the final report publishes per period (Annexe C, differenced: 836.5 / 1,895 /
# 2,621 / 1,399.5 days in RP1-RP4, i.e. about 12 / 28 / 39 / 21 %); tests/test_synthetic.py checks it.
SHARE_OF_PERIOD_BEFORE_FIRST_MISSION = 0.6
MEDIAN_ACTION_WINDOW_DAYS = 330.0
ACTION_WINDOW_SPREAD = 0.45
MEDIAN_ACTION_SPAN_DAYS_PER_ACTIVITY = 140.0
# Share of the working days per reporting period of activity start, as the final report publishes it.
REPORTED_DAYS_SHAPE = {"RP1": 836.5, "RP2": 1895.0, "RP3": 2621.0, "RP4": 1399.5}

# -- Expenditure (docs/definitions.md) ------------------------------------------------------------------

# category -> (weight in an expert activity, chance it occurs, one line per assignment). Only the fees
# go to each expert's assignment: the rest stays on the activity, which the dashboard allocates pro rata
# to days (docs/definitions.md), and one line per expert and category would triple the lines of a large dataset.
EXPERT_ACTIVITY_COSTS = {
    "Expert fees/FAA": (0.46, 1.0, True),
    "Per diem outside EU": (0.18, 1.0, False),
    "Travel intercontinental": (0.17, 1.0, False),
    "Travel intracontinental": (0.03, 0.15, False),
    "Per diem within EU": (0.02, 0.05, False),
    "Local transport": (0.03, 0.4, False),
    "Travel-related (visa, vaccination, insurance)": (0.02, 0.3, False),
    "Interpretation": (0.05, 0.2, False),
    "Translation": (0.03, 0.15, False),
    "Conference/seminar": (0.04, 0.15, False),
    "Other": (0.01, 0.1, False),
}
# Expenditure with no expert days: partner staff attending an event (docs/definitions.md).
NON_EXPERT_COSTS = {
    "Travel intercontinental": (0.35, 1.0, False),
    "Per diem within EU": (0.25, 1.0, False),
    "Conference/seminar": (0.30, 1.0, False),
    "Other": (0.10, 0.5, False),
}
ACTIVITY_COST_NOISE = 0.12           # sigma of the log-normal noise on the pro-rata split by days

# -- Feedback forms (docs/definitions.md) -------------------------------------------------------------

PIF_RESPONSE_RATE = 0.75
PIF_PER_ACTIVITY_GROUP = 0.3         # share of multi-group actions whose PI answers once per group
EXF_RESPONSE_RATE = 0.8
PAF_RESPONSE_RATE = 0.5              # of the participants
PAF_SEX_SHARES = {"female": 0.45, "male": 0.40}   # the rest did not say (sex is optional)

L5_SHARES = (0.005, 0.015, 0.06, 0.30, 0.62)      # 1..5, mean ≈ 4.5
YES_SHARE = 0.97
SHARE_COMPLETELY_AGREE_OF_POSITIVE = 0.55
NEGATIVE_SPLIT = (0.10, 0.30, 0.60)               # completely disagree, partially disagree, neutral
PUBLIC_NOT_APPLICABLE_SHARE = 0.03

# (form, domain) -> share of positive answers among those answered. Literal like the tables above, on purpose:
# each share reads beside its key, as the facility's figures are checked against them.
POSITIVE_SHARE = {
    ("EXF", "Relevance"): 0.92,
    ("EXF", "Ownership by the partner institution"): 0.80,
    ("EXF", "Cross-cutting issues"): 0.62,
    ("EXF", "Complementarity"): 0.75,
    ("EXF", "Adequacy and efficiency"): 0.83,
    ("EXF", "Likely impact"): 0.90,
    ("EXF", "Benefit to experts"): 0.90,
    ("PAF", "Relevance"): 0.94,
    ("PAF", "Adequacy and efficiency"): 0.92,
    ("PAF", "Likely impact"): 0.93,
    ("PAF", "Cross-cutting issues"): 0.80,
}
# (form, question) -> share answered 'Not relevant' (cross-cutting issues are often not relevant).
NOT_RELEVANT_SHARE = {
    ("EXF", "Q.08"): 0.20,
    ("EXF", "Q.09"): 0.15,
    ("EXF", "Q.10"): 0.45,
    ("EXF", "Q.11"): 0.30,
    ("EXF", "Q.12"): 0.30,
    ("EXF", "Q.16"): 0.15,
    ("EXF", "Q.17"): 0.15,
}
# EXF questions answered only by public experts; private experts answer 'Not applicable'.
PUBLIC_EXPERT_QUESTIONS = ("Q.24", "Q.25", "Q.26", "Q.27", "Q.28", "Q.29", "Q.30")
