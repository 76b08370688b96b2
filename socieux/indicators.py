"""The logframe indicators (domain.md §7): what each one measures, from which query and inputs, against which target.

Definitions live here as data; the numbers come from ``queries/indicator_*.sql`` and targets from the
``target`` table, never from code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

ORIGINAL = "Original logframe 2016-2020"
REVISED = "Revised logframe (extension)"
BUSINESS = "Business-development targets (extension)"
GROUPS = (ORIGINAL, REVISED, BUSINESS)

ON_TRACK, BEHIND, NO_TARGET, NO_VALUE, NOT_STARTED = (
    "On track", "Behind", "No target set", "No value", "Period not started",
)
IN_PROGRESS = "so far (period in progress)"

# The switchable "implemented" status sets (data/reference/status_sets.csv), in the facility's words.
IMPLEMENTED_SETS = {
    "implemented_original": "Original logframe: Ongoing, Completed, Evaluated, Stopped",
    "implemented_revised": "Revised logframe: Ongoing, On-hold, Stopped, Completed, Evaluated",
    "implemented_extension": "Extension plan: Stopped, Completed, Evaluated",
}

# Inputs an indicator may need: a table of the data (counted by queries/indicator_inputs.sql), or a source
# the data model does not hold yet (never counted, so always missing), each said in the facility's words.
INPUT_LABELS = {
    "requests": "requests",
    "experts": "the expert roster with registration dates",
    "assignments": "expert assignments",
    "milestones": "processing-step dates (milestones)",
    "type_of_assistance": "the type of assistance of each request",
    "survey_PIF": "partner institution feedback forms (PIF)",
    "survey_EXF": "expert feedback forms (EXF)",
    "survey_PAF": "participant feedback forms (PAF)",
    "exmr": "expert mission report (ExMR) answers on reforms, institutional strengthening and benefiting institutions",
    "events": "awareness-raising and knowledge-development events with their attendance lists",
    "priority_countries": "the list of priority countries approved by the PSC",
    "institution_types": "the type of each partner institution (social partners)",
    "request_forms": "the request form of each request (simplified awareness-raising requests)",
    "exploratory_missions": "a record of exploratory missions",
}


@dataclass(frozen=True)
class Indicator:
    """One logframe indicator: its words, its query and inputs, and how it meets its target."""

    indicator_id: str
    name: str
    definition: str
    unit: str                      # what one unit of the value is, e.g. "requests", "weeks", "%"
    query: str                     # queries/<query>.sql
    inputs: tuple[str, ...]        # keys of INPUT_LABELS that must have rows
    group: str = ORIGINAL
    higher_is_better: bool = True  # False for times: on track when the value is at most the target
    target_basis: str = "cumulative"   # "cumulative" or "within": which value the target is set for
    status_sets: tuple[str, ...] = ()  # switchable "implemented" sets, the default first
    status_at_data_date: bool = False  # counts statuses: without history, the status at the data date
    filters_apply: bool = True     # False where the request filters cannot apply (the expert roster)
    base_label: str = ""           # what the base column counts, e.g. "assignments"
    decimals: int = 0
    params: dict[str, Any] = field(default_factory=dict)   # fixed extra query parameters
    choices: dict[str, Any] = field(default_factory=dict)  # switchable query parameters and their defaults

    def query_params(self, **options: Any) -> dict[str, Any]:
        """The extra parameters of its query: the indicator id, fixed parameters, chosen or default options."""
        params = {"indicator_id": self.indicator_id, **self.params}
        params |= {name: options.get(name, default) for name, default in self.choices.items()}
        if self.status_sets:
            params["status_set"] = options.get("status_set") or self.status_sets[0]
        return params


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "LF-O1", "Suitable experts available in the PMT",
        "Experts registered in the Programme Management Tool: registered in the period (within) and "
        "registered on or before the end of the period (cumulative, experts registered before RP1 included). "
        "The roster is not tied to requests, so the sidebar filters other than the period do not apply.",
        "experts", "indicator_experts_registered", ("experts",), filters_apply=False,
    ),
    Indicator(
        "LF-O2", "Experts mobilised for specific actions",
        "Distinct experts with at least one assignment on an activity that started in the period (within) "
        "or since RP1 (cumulative). Assignments are shown as the base.",
        "experts", "indicator_experts_mobilised", ("assignments",), base_label="assignments",
    ),
    Indicator(
        "LF-O3", "Total number of expert days mobilised",
        "Effective (paid) expert working days of the assignments, half days included, counted in the "
        "reporting period the activity started in (within) and since RP1 (cumulative).",
        "working days", "indicator_expert_days", ("assignments",), base_label="assignments", decimals=1,
    ),
    Indicator(
        "LF-O6", "Median time between reception of request and approval, or rejection",
        "Median weeks from receipt to the decision (approval or rejection, whichever came), for the requests "
        "received in the period (within) and for the cumulative cohort RP1 to the period (cumulative), measured "
        "at the data date. Receipt: the 'received' processing step, else the date of receipt unless it is an "
        "estimate (then the request is left out). Approval: AAF approval; for requests received from RP4 on, "
        "after the AAF was abolished, the DG DEVCO non-objection when no approval is recorded. Rejection: "
        "entry into a rejected status. The medians to approval and to rejection separately are on the "
        "Processing times page.",
        "weeks", "indicator_decision_weeks", ("milestones",), higher_is_better=False,
        base_label="requests decided", decimals=1,
    ),
    Indicator(
        "LF-O7", "Number of requests received from partner countries",
        "Every SOCIEUX+ request code received, merged, fractioned and withdrawn ones included, in the "
        "reporting period of receipt (within) and since RP1 (cumulative).",
        "requests", "indicator_requests_received", ("requests",),
    ),
    Indicator(
        "LF-O8", "Number of short-term technical assistance actions implemented",
        "Requests received in the period (within) or since RP1 (cumulative) whose status is in the chosen "
        "'implemented' set. Default: the original logframe's 'approved and completed' set (Ongoing, Completed, "
        "Evaluated, Stopped; On-hold not counted).",
        "actions", "indicator_actions_implemented", ("requests",),
        status_sets=("implemented_original", "implemented_revised", "implemented_extension"),
        status_at_data_date=True, base_label="requests received",
    ),
    Indicator(
        "LF-O9", "% of eligible requests approved",
        "(received − Non-eligible − Objected) / (received − Non-eligible) × 100, for the requests received in "
        "the period (within) or since RP1 (cumulative): in effect, eligible requests not objected by DG DEVCO. "
        "Footnote variant (switch): Non-feasible requests are also left out of both. Base: the denominator.",
        "%", "indicator_eligible_approved", ("requests",), status_at_data_date=True,
        base_label="eligible requests", decimals=1, choices={"exclude_non_feasible": False},
    ),
    Indicator(
        "LF-O10-PIF", "Satisfaction of partner institutions",
        "Partner institution feedback (PIF): the unweighted mean of the item means of Q.01 relevance, Q.04 "
        "design, Q.05 expert team, Q.06 principal expert and Q.07 other experts (rating 1 to 5), for forms "
        "submitted in the period (within) or since RP1 (cumulative). All forms count, not only completed actions.",
        "mean rating (1-5)", "indicator_partner_satisfaction", ("survey_PIF",), base_label="forms", decimals=2,
    ),
    Indicator(
        "LF-O10-EXF", "Satisfaction of experts",
        "Expert feedback (EXF): Completely or Partially agree as a share of the answers to every agree-scale "
        "item; Not relevant, Not applicable and blanks are left out, neutral answers kept. Forms by the period "
        "they were submitted in (within) or since RP1 (cumulative).",
        "% positive", "indicator_feedback_positive", ("survey_EXF",), base_label="forms", decimals=1,
        params={"form": "EXF"},
    ),
    Indicator(
        "LF-O10-PAF", "Satisfaction of participants",
        "Participant feedback (PAF): Completely or Partially agree as a share of the answers to every item; "
        "blanks are left out, neutral answers kept. Forms by the period they were submitted in (within) or "
        "since RP1 (cumulative).",
        "% positive", "indicator_feedback_positive", ("survey_PAF",), base_label="forms", decimals=1,
        params={"form": "PAF"},
    ),
    Indicator(
        "OC1", "Regulatory adjustments and policy reforms moved forward with SOCIEUX+ contribution",
        "Actions implemented (revised logframe set: Ongoing, On-hold, Stopped, Completed, Evaluated) of type "
        "A.02.01 legislative and regulatory framework, A.02.02 policy development or A.02.03 sectoral planning "
        "and budgeting, by period of receipt (within) or since RP1 (cumulative). The reforms themselves are "
        "reported in the expert mission reports (ExMR), which the data does not hold: this counts the actions "
        "that can carry them. Base: actions implemented.",
        "actions", "indicator_actions_by_assistance", ("requests", "type_of_assistance"), group=REVISED,
        status_at_data_date=True, base_label="actions implemented",
        params={"assistance_types": ["A.02.01", "A.02.02", "A.02.03"], "status_set": "implemented_revised"},
    ),
    Indicator(
        "OC2", "Actions leading to internal institutional strengthening",
        "Actions implemented (revised logframe set: Ongoing, On-hold, Stopped, Completed, Evaluated) of type "
        "A.03 organisational capacity building or one of its sub-types A.03.01-A.03.05, by period of receipt "
        "(within) or since RP1 (cumulative). Whether they contributed is reported in the expert mission reports "
        "(ExMR), which the data does not hold. Base: actions implemented.",
        "actions", "indicator_actions_by_assistance", ("requests", "type_of_assistance"), group=REVISED,
        status_at_data_date=True, base_label="actions implemented",
        params={"assistance_types": ["A.03"], "status_set": "implemented_revised"},
    ),
    Indicator(
        "OP1", "Actions implemented (by type of assistance)",
        "Requests received in the period (within) or since RP1 (cumulative) whose status is in the chosen "
        "'implemented' set. Default: the revised logframe set (Ongoing, On-hold, Stopped, Completed, Evaluated); "
        "the extension plan restates it as Stopped, Completed, Evaluated. By type of assistance: Requests page, "
        "Types of assistance, 'Actions implemented (OP1)'.",
        "actions", "indicator_actions_implemented", ("requests",), group=REVISED,
        status_sets=("implemented_revised", "implemented_extension", "implemented_original"),
        status_at_data_date=True, base_label="requests received",
    ),
    Indicator(
        "OP2", "Institutions directly benefiting",
        "Institutions other than the partner institution that received capacity-building or awareness-raising "
        "support in revised-implemented actions, as reported in the expert mission reports (ExMR).",
        "institutions", "", ("exmr",), group=REVISED,
    ),
    Indicator(
        "OP3", "% participants reporting enhanced knowledge",
        "Participant feedback (PAF) respondents whose mean score on Q.08 (acquired new knowledge and skills) "
        "and Q.09 (likely to use them) is at least the threshold (default 4 of 5), as a share of respondents "
        "who answered either item. "
        "Forms by the period they were submitted in (within) or since RP1 (cumulative).",
        "%", "indicator_enhanced_knowledge", ("survey_PAF",), group=REVISED, base_label="respondents", decimals=1,
        choices={"threshold": 4.0},
    ),
    Indicator(
        "OP4", "Representatives participating in awareness-raising and knowledge-development events",
        "Persons on the attendance lists present at least half of the event.",
        "participants", "", ("events",), group=REVISED,
    ),
    Indicator(
        "OP5", "% participants satisfied with knowledge-development events",
        "Participants above a satisfaction threshold as a share of participants.",
        "%", "", ("events",), group=REVISED,
    ),
    Indicator(
        "BD-1", "Requests received (all requests)",
        "Every SOCIEUX+ request code received in the reporting period; the target is set per period.",
        "requests", "indicator_requests_received", ("requests",), group=BUSINESS, target_basis="within",
    ),
    Indicator(
        "BD-2", "Requests from priority countries",
        "Requests received in the period from the priority countries approved by the PSC.",
        "requests", "", ("priority_countries",), group=BUSINESS, target_basis="within",
    ),
    Indicator(
        "BD-3", "Requests from social partners",
        "Requests received in the period from workers' or employers' organisations.",
        "requests", "", ("institution_types",), group=BUSINESS, target_basis="within",
    ),
    Indicator(
        "BD-4", "New requesting partner countries",
        "Partner countries whose first request in the data (SOCIEUX requests included) was received in the "
        "period (within) or since RP1 (cumulative). Base: countries requesting in the period.",
        "countries", "indicator_new_partner_countries", ("requests",), group=BUSINESS, target_basis="within",
        base_label="requesting countries",
    ),
    Indicator(
        "BD-5", "Simplified awareness-raising requests",
        "Simplified requests (SREF) for awareness raising received in the period.",
        "requests", "", ("request_forms",), group=BUSINESS, target_basis="within",
    ),
    Indicator(
        "BD-6", "Institutional capacity building requests",
        "Requests received in the period whose type of assistance is A.02 institutional capacity building or "
        "one of its sub-types. Base: requests received with a type of assistance recorded.",
        "requests", "indicator_requests_by_assistance", ("type_of_assistance",), group=BUSINESS,
        target_basis="within", base_label="requests with a type", params={"assistance": "A.02"},
    ),
    Indicator(
        "BD-7", "Organisational capacity building requests",
        "Requests received in the period whose type of assistance is A.03 organisational capacity building or "
        "one of its sub-types. Base: requests received with a type of assistance recorded.",
        "requests", "indicator_requests_by_assistance", ("type_of_assistance",), group=BUSINESS,
        target_basis="within", base_label="requests with a type", params={"assistance": "A.03"},
    ),
    Indicator(
        "BD-8", "Exploratory missions",
        "Exploratory missions carried out in the period.",
        "missions", "", ("exploratory_missions",), group=BUSINESS, target_basis="within",
    ),
)

BY_ID = {indicator.indicator_id: indicator for indicator in INDICATORS}

# Inputs whose rows may be synthetic demo data in the bundled dataset.
SYNTHETIC_INPUTS = ("experts", "assignments", "milestones", "type_of_assistance",
                    "survey_PIF", "survey_EXF", "survey_PAF")


def indicator(indicator_id: str) -> Indicator:
    return BY_ID[indicator_id]


def missing_inputs(spec: Indicator, inputs: pd.DataFrame) -> list[str]:
    """The inputs of an indicator that this dataset version does not hold, in words (empty = computable)."""
    rows = dict(zip(inputs["input"], inputs["rows"]))
    return [INPUT_LABELS[name] for name in spec.inputs if int(rows.get(name, 0) or 0) == 0]


def uses_synthetic(spec: Indicator, inputs: pd.DataFrame) -> bool:
    """Whether any input of the indicator holds synthetic demo rows."""
    synthetic = dict(zip(inputs["input"], inputs["synthetic_rows"]))
    return any(int(synthetic.get(name, 0) or 0) > 0 for name in spec.inputs)


def _is_number(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and not pd.isna(value)


def target_mark(
    value: Any, target: Any, *, higher_is_better: bool, started: bool = True, finished: bool = True
) -> str:
    """On track when the value reaches the target: at least it, or at most it for times."""
    if not started:
        return NOT_STARTED
    if not _is_number(target):
        return NO_TARGET
    if not _is_number(value):
        return NO_VALUE
    reached = float(value) >= float(target) if higher_is_better else float(value) <= float(target)
    mark = ON_TRACK if reached else BEHIND
    return mark if finished else f"{mark} {IN_PROGRESS}"


def assess(df: pd.DataFrame, spec: Indicator) -> pd.DataFrame:
    """The query result with the value the target is set for and the on-track / behind mark per period."""
    out = df.copy()
    basis = "within_value" if spec.target_basis == "within" else "cumulative_value"
    out["compared_value"] = out[basis]
    out["mark"] = [
        target_mark(value, target, higher_is_better=spec.higher_is_better,
                    started=bool(started), finished=bool(finished))
        for value, target, started, finished in zip(
            out[basis], out["target_value"], out["period_started"], out["period_finished"]
        )
    ]
    return out


def display_table(assessed: pd.DataFrame, spec: Indicator) -> pd.DataFrame:
    """One row per reporting period, in the facility's words, for the page and its download."""
    basis = "within the period" if spec.target_basis == "within" else "cumulative"
    table = pd.DataFrame({
        "Reporting period": assessed["period"],
        "Within the period": assessed["within_value"],
        "Cumulative (end of period)": assessed["cumulative_value"],
        f"Target ({basis})": assessed["target_value"],
        "Baseline": assessed["baseline_value"],
        "Status": assessed["mark"],
    })
    if spec.base_label:
        table.insert(3, f"Base: {spec.base_label} (cumulative)", assessed["cumulative_base"])
    if table["Baseline"].isna().all():
        table = table.drop(columns="Baseline")
    table["Period finished at the data date"] = assessed["period_finished"].map({True: "yes", False: "no"})
    if "cumulative_approval_weeks" in assessed:
        table.insert(3, "To approval, cumulative (weeks)", assessed["cumulative_approval_weeks"])
        table.insert(4, "To rejection, cumulative (weeks)", assessed["cumulative_rejection_weeks"])
    return table


def mark_rule(spec: Indicator) -> str:
    """The on-track rule of one indicator, in words."""
    basis = "the value within the period" if spec.target_basis == "within" else "the cumulative value"
    comparison = "at most" if not spec.higher_is_better else "at least"
    return f"On track when {basis} is {comparison} the target; behind otherwise."


NOT_AVAILABLE = "Not available from these data"


def headline_period(assessed: pd.DataFrame) -> pd.Series | None:
    """The period an indicator is summed up by: the latest started one with a target, else the latest
    finished one, else the latest started one (None if no period in view has started)."""
    started = assessed[assessed["period_started"]]
    for candidates in (started[started["target_value"].notna()], started[started["period_finished"]], started):
        if len(candidates):
            return candidates.iloc[-1]
    return None


def _rounded(value: Any, decimals: int) -> float | None:
    return round(float(value), decimals) if _is_number(value) else None


def summary_table(computed: list[tuple[Indicator, pd.DataFrame]], unavailable: list[Indicator]) -> pd.DataFrame:
    """One row per indicator at its headline period (see headline_period), or why it is not available."""
    rows = []
    for spec, assessed in computed:
        last = headline_period(assessed)
        if last is None:
            continue
        rows.append({
            "Indicator": spec.indicator_id, "Name": spec.name, "Reporting period": last["period"],
            "Within the period": _rounded(last["within_value"], spec.decimals),
            "Cumulative": _rounded(last["cumulative_value"], spec.decimals),
            "Target": last["target_value"], "Status": last["mark"], "Unit": spec.unit,
        })
    for spec in unavailable:
        rows.append({"Indicator": spec.indicator_id, "Name": spec.name, "Status": NOT_AVAILABLE, "Unit": spec.unit})
    order = {spec.indicator_id: i for i, spec in enumerate(INDICATORS)}
    columns = ["Indicator", "Name", "Reporting period", "Within the period", "Cumulative", "Target", "Status", "Unit"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values("Indicator", key=lambda s: s.map(order)).reset_index(drop=True)
