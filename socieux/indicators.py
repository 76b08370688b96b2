"""The logframe indicators (docs/definitions.md): what each one measures, from which query and inputs, against which target.

Definitions live here as data; the numbers come from ``queries/indicator_*.sql`` and targets from the
``target`` table, never from code.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from socieux.status_sets import listed, the_status

ORIGINAL = "Original logframe 2016-2020"
REVISED = "Revised logframe (extension)"
BUSINESS = "Business-development targets (extension)"
GROUPS = (ORIGINAL, REVISED, BUSINESS)

# Marks (docs/definitions.md, "Logframe"): Met = the target is reached; On track = an interim period has reached
# its share of a target set for the end of the logframe; Behind otherwise; Not assessable says why.
MET, ON_TRACK, BEHIND, NOT_ASSESSABLE, NOT_STARTED = (
    "Met", "On track", "Behind", "Not assessable", "Period not started",
)
NO_TARGET = f"{NOT_ASSESSABLE}: no target"
NO_VALUE = f"{NOT_ASSESSABLE}: no value"
NOT_AT_PERIOD_END = f"{NOT_ASSESSABLE}: status at the data date, not at the period end"
IN_PROGRESS = "so far (period in progress)"
SYNTHETIC_SUFFIX = " (synthetic demo data)"
# The reporting period of a feedback form, as the shared view v_survey_response counts it (socieux/schema/views.sql).
SURVEY_PERIOD_WORDS = (
    "Forms count in the reporting period their activity started in (the first activity a form names), else the "
    "period they were submitted in: within the period, or since RP1 (cumulative)."
)
# Words built from data/reference/status_sets.csv, so a set edited there is said as it is counted.
REVISED_SET_WORDS = (f"revised logframe set: {listed('implemented_revised')}; "
                     "On-hold only with an implemented activity")
NON_FEASIBLE = the_status("non_feasible")
ELIGIBLE_APPROVED_FORMULA = (
    f"(received − {the_status('non_eligible')} − {the_status('objected')}) / (received − {the_status('non_eligible')})"
)
# How a target set only for the end of the logframe (RP4, "in 4 years") spreads over the periods before it.
FROM_ZERO, FROM_BASELINE = "from zero", "from the baseline"


# Inputs an indicator may need: a table of the data (counted by queries/indicators/indicator_inputs.sql), or a source
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
    query: str                     # queries/indicators/<query>.sql
    inputs: tuple[str, ...]        # keys of INPUT_LABELS that must have rows
    group: str = ORIGINAL
    higher_is_better: bool = True  # False for times: on track when the value is at most the target
    target_basis: str = "cumulative"   # "cumulative" or "within": which value the target is set for
    status_sets: tuple[str, ...] = ()  # switchable "implemented" sets, the default first
    counts_statuses: bool = False  # its query says per period whether statuses are at the period end or the data date
    interim_path: str = ""         # FROM_ZERO / FROM_BASELINE: the interim share of a final target; "" none
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


def _share_positive(form: str, name: str, answers: str) -> Indicator:
    """LF-O10 for the expert or participant forms: the share of positive answers, by the forms' period."""
    return Indicator(f"LF-O10-{form}", name, f"{answers} {SURVEY_PERIOD_WORDS}", "% positive",
                     "indicator_feedback_positive", (f"survey_{form}",), base_label="forms", decimals=1,
                     params={"form": form})


def _requests_of_type(indicator_id: str, name: str, assistance: str) -> Indicator:
    """A business-development count of the requests of one type of assistance ("A.02 ...") or its sub-types."""
    return Indicator(
        indicator_id, name,
        f"Requests received in the period whose type of assistance is {assistance} or one of its sub-types. "
        "Base: requests received with a type of assistance recorded.",
        "requests", "indicator_requests_by_assistance", ("type_of_assistance",), group=BUSINESS,
        target_basis="within", base_label="requests with a type", params={"assistance": assistance.split()[0]},
    )


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "LF-O1", "Suitable experts available in the PMT",
        "Experts registered in the Programme Management Tool: registered in the period (within) and "
        "registered on or before the end of the period (cumulative, experts registered before RP1 included). "
        "The roster is not tied to requests, so the sidebar filters other than the period do not apply.",
        "experts", "indicator_experts_registered", ("experts",), filters_apply=False, interim_path=FROM_BASELINE,
    ),
    Indicator(
        "LF-O2", "Experts mobilised for specific actions",
        "Distinct experts with at least one assignment on an activity that started in the period (within) "
        "or since RP1 (cumulative). Assignments are shown as the base.",
        "experts", "indicator_experts_mobilised", ("assignments",), base_label="assignments",
        interim_path=FROM_ZERO,
    ),
    Indicator(
        "LF-O3", "Total number of expert days mobilised",
        "Effective (paid) expert working days of the assignments, half days included, counted in the "
        "reporting period the activity started in (within) and since RP1 (cumulative).",
        "working days", "indicator_expert_days", ("assignments",), base_label="assignments", decimals=1,
        interim_path=FROM_ZERO,
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
        "requests", "indicator_requests_received", ("requests",), interim_path=FROM_ZERO,
    ),
    Indicator(
        "LF-O8", "Number of short-term technical assistance actions implemented",
        "Requests received in the period (within) or since RP1 (cumulative) whose status is in the chosen "
        f"'implemented' set. Default: the original logframe's 'approved and completed' set ({listed('implemented_original')}; "
        "On-hold not counted).",
        "actions", "indicator_actions_implemented", ("requests",),
        status_sets=("implemented_original", "implemented_revised", "implemented_extension"),
        counts_statuses=True, base_label="requests received", interim_path=FROM_ZERO,
    ),
    Indicator(
        "LF-O9", "% of eligible requests approved",
        f"{ELIGIBLE_APPROVED_FORMULA} × 100, for the requests received in the period (within) or since RP1 "
        "(cumulative): in effect, eligible requests not objected by DG DEVCO. Footnote variant (switch): "
        f"{NON_FEASIBLE} requests are also left out of both. Base: the denominator.",
        "%", "indicator_eligible_approved", ("requests",), counts_statuses=True,
        base_label="eligible requests", decimals=1, choices={"exclude_non_feasible": False},
    ),
    Indicator(
        "LF-O10-PIF", "Satisfaction of partner institutions",
        "Partner institution feedback (PIF): the unweighted mean of the item means of Q.01 relevance, Q.04 "
        "design, Q.05 expert team, Q.06 principal expert and Q.07 other experts (rating 1 to 5). "
        + SURVEY_PERIOD_WORDS + " All forms count, not only completed actions.",
        "mean rating (1-5)", "indicator_partner_satisfaction", ("survey_PIF",), base_label="forms", decimals=2,
    ),
    _share_positive(
        "EXF", "Satisfaction of experts",
        "Expert feedback (EXF): Completely or Partially agree as a share of the answers to every agree-scale "
        "item; Not relevant, Not applicable and blanks are left out, neutral answers kept.",
    ),
    _share_positive(
        "PAF", "Satisfaction of participants",
        "Participant feedback (PAF): Completely or Partially agree as a share of the answers to every item; "
        "blanks are left out, neutral answers kept.",
    ),
    Indicator(
        "OC1", "Regulatory adjustments and policy reforms moved forward with SOCIEUX+ contribution",
        f"Actions implemented ({REVISED_SET_WORDS}) of type "
        "A.02.01 legislative and regulatory framework, A.02.02 policy development or A.02.03 sectoral planning "
        "and budgeting, by period of receipt (within) or since RP1 (cumulative). The reforms themselves are "
        "reported in the expert mission reports (ExMR), which the data does not hold: this counts the actions "
        "that can carry them. Base: actions implemented.",
        "actions", "indicator_actions_by_assistance", ("requests", "type_of_assistance"), group=REVISED,
        counts_statuses=True, base_label="actions implemented",
        params={"assistance_types": ["A.02.01", "A.02.02", "A.02.03"], "status_set": "implemented_revised"},
    ),
    Indicator(
        "OC2", "Actions leading to internal institutional strengthening",
        f"Actions implemented ({REVISED_SET_WORDS}) of type "
        "A.03 organisational capacity building or one of its sub-types A.03.01-A.03.05, by period of receipt "
        "(within) or since RP1 (cumulative). Whether they contributed is reported in the expert mission reports "
        "(ExMR), which the data does not hold. Base: actions implemented.",
        "actions", "indicator_actions_by_assistance", ("requests", "type_of_assistance"), group=REVISED,
        counts_statuses=True, base_label="actions implemented",
        params={"assistance_types": ["A.03"], "status_set": "implemented_revised"},
    ),
    Indicator(
        "OP1", "Actions implemented (by type of assistance)",
        "Requests received in the period (within) or since RP1 (cumulative) whose status is in the chosen "
        f"'implemented' set. Default: the {REVISED_SET_WORDS}. "
        f"The extension plan restates it as {listed('implemented_extension')}. By type of assistance: Requests page, "
        "Types of assistance, 'Actions implemented (OP1)'.",
        "actions", "indicator_actions_implemented", ("requests",), group=REVISED,
        status_sets=("implemented_revised", "implemented_extension", "implemented_original"),
        counts_statuses=True, base_label="requests received",
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
        + SURVEY_PERIOD_WORDS,
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
    _requests_of_type("BD-6", "Institutional capacity building requests", "A.02 institutional capacity building"),
    _requests_of_type("BD-7", "Organisational capacity building requests", "A.03 organisational capacity building"),
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


def _reached(value: Any, target: Any, higher_is_better: bool) -> bool:
    return float(value) >= float(target) if higher_is_better else float(value) <= float(target)


def target_mark(
    value: Any, target: Any, *, higher_is_better: bool, started: bool = True, finished: bool = True,
    expected: Any = None,
) -> str:
    """Met when the value reaches the target; On track when, short of it, it reaches ``expected`` (the share
    of a final target due by an interim period); Behind otherwise."""
    if not started:
        return NOT_STARTED
    if not _is_number(target):
        return NO_TARGET
    if not _is_number(value):
        return NO_VALUE
    if _reached(value, target, higher_is_better):
        mark = MET
    elif _is_number(expected) and _reached(value, expected, higher_is_better):
        mark = ON_TRACK
    else:
        mark = BEHIND
    return mark if finished else f"{mark} {IN_PROGRESS}"


def _final_targets(targets: pd.DataFrame | None) -> list[tuple[int, float, Any]]:
    """(period order, target, baseline) of each target, in period order: plain values, read once."""
    if targets is None or targets.empty:
        return []
    finals = zip(targets["period_order"].tolist(), targets["target_value"].tolist(), targets["baseline_value"].tolist())
    return sorted(((int(order), target, baseline) for order, target, baseline in finals), key=lambda final: final[0])


def _interim(spec: Indicator, period_order: int, finals: list[tuple[int, float, Any]]) -> tuple[Any, Any]:
    if not spec.interim_path:
        return None, None
    later = [final for final in finals if final[0] > period_order]
    if not later:
        return None, None
    final_order, final_target, final_baseline = later[-1]
    start = float(final_baseline) if spec.interim_path == FROM_BASELINE and _is_number(final_baseline) else 0.0
    share = period_order / float(final_order)
    return float(final_target), start + (float(final_target) - start) * share


def interim_target(spec: Indicator, period_order: int, targets: pd.DataFrame | None) -> tuple[Any, Any]:
    """(final target, share of it due by ``period_order``) for a period before the target's own period.

    Counts set "in 4 years" are due evenly: by the end of period k of n, k/n of the target (from zero for
    flows counted since RP1, from the baseline for a roster that existed before). (None, None) otherwise.
    """
    return _interim(spec, period_order, _final_targets(targets) if spec.interim_path else [])


def assess(df: pd.DataFrame, spec: Indicator, targets: pd.DataFrame | None = None, *, synthetic: bool = False
           ) -> pd.DataFrame:
    """The query result with the value the target is set for, the target it is judged by and the mark.

    A few rows per indicator: judged on plain values, the frame built once (docs/performance.md).
    """
    basis = "within_value" if spec.target_basis == "within" else "cumulative_value"
    finals = _final_targets(targets) if spec.interim_path else []
    at_data_date = (df["status_basis"].eq("data date").tolist() if spec.counts_statuses and "status_basis" in df
                    else [False] * len(df))
    judged, due, marks = [], [], []
    for value, target, order, started, finished, by_data_date in zip(
        df[basis].tolist(), df["target_value"].tolist(), df["period_order"].tolist(),
        df["period_started"].tolist(), df["period_finished"].tolist(), at_data_date,
    ):
        expected = None
        if not _is_number(target):
            target, expected = _interim(spec, int(order), finals)
        mark = target_mark(value, target, higher_is_better=spec.higher_is_better, started=bool(started),
                           finished=bool(finished), expected=expected)
        if by_data_date and bool(finished) and mark != NOT_STARTED:
            mark = NOT_AT_PERIOD_END
        if synthetic and not mark.startswith((NOT_ASSESSABLE, NOT_STARTED)):
            mark += SYNTHETIC_SUFFIX
        judged.append(target)
        due.append(expected)
        marks.append(mark)
    columns = {column: df[column].array for column in df.columns}
    columns["compared_value"] = df[basis].array
    baselines = [] if targets is None else [b for b in targets["baseline_value"].tolist() if _is_number(b)]
    if baselines:
        # A logframe baseline holds for the whole logframe, not only for the period its target is set for.
        columns["baseline_value"] = df["baseline_value"].fillna(baselines[0]).array
    columns |= {
        "judged_target": np.array(judged, dtype="float64"),
        "due_by_period": np.array(due, dtype="float64"),
        "mark": marks,
    }
    # One frame built from the columns as they are (a frame's assign copies and checks each column).
    return pd.DataFrame(columns, index=df.index)


def _columns(frame: pd.DataFrame) -> dict[str, list]:
    """A small result as plain lists by column: judging a handful of periods on plain values costs a fraction
    of the same steps on a frame (docs/performance.md, "Cheap reruns")."""
    return {column: frame[column].tolist() for column in frame.columns}


def _reported_by_period(reported: pd.DataFrame | None) -> dict[str, dict[str, Any]]:
    """The final report's figures of one indicator by period code: {period: {column: value}}."""
    if reported is None or reported.empty:
        return {}
    columns = _columns(reported)
    return {str(period): {name: values[i] for name, values in columns.items()}
            for i, period in enumerate(columns["period_code"])}


def _all_missing(values: list) -> bool:
    return all(value is None or (isinstance(value, float) and math.isnan(value)) for value in values)


def display_table(assessed: pd.DataFrame, spec: Indicator, reported: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per reporting period, in the facility's words, for the page and its download."""
    basis = "within the period" if spec.target_basis == "within" else "cumulative"
    printed = _reported_by_period(reported)
    periods = assessed["period"].tolist()
    # (heading, an assessed column kept with its type, or computed values)
    columns: list[tuple[str, Any]] = [
        ("Reporting period", "period"),
        ("Within the period", "within_value"),
        ("Cumulative (end of period)", "cumulative_value"),
        (f"Target ({basis})", "judged_target"),
        ("Due by the end of the period", "due_by_period"),
        ("Baseline", "baseline_value"),
        ("Reported in the final report", [str(printed[p]["value_text"]) if p in printed else None for p in periods]),
        ("Mark", "mark"),
    ]
    optional = ("Baseline", "Due by the end of the period", "Reported in the final report")
    columns = [(heading, values) for heading, values in columns if heading not in optional
               or not _all_missing(assessed[values].tolist() if isinstance(values, str) else values)]
    if spec.base_label:
        columns.insert(3, (f"Base: {spec.base_label} (cumulative)", "cumulative_base"))
    if spec.counts_statuses and "status_basis" in assessed:
        words = {"period end": "at the end of the period", "data date": "at the data date"}
        columns.insert(len(columns) - 1, ("Statuses counted", [words.get(b) for b in assessed["status_basis"].tolist()]))
    columns.append(("Period finished at the data date",
                    ["yes" if finished else "no" for finished in assessed["period_finished"].tolist()]))
    if "cumulative_approval_weeks" in assessed:
        columns.insert(3, ("To approval, cumulative (weeks)", "cumulative_approval_weeks"))
        columns.insert(4, ("To rejection, cumulative (weeks)", "cumulative_rejection_weeks"))
    # Built once from the assessed columns as they are (their types kept) and the computed ones.
    return pd.DataFrame({heading: assessed[values].array if isinstance(values, str) else values
                         for heading, values in columns}, index=assessed.index)


def _agrees(computed: Any, printed: dict[str, Any]) -> bool:
    """The computed value, rounded as the report prints it ("98%", "836.5"), equals the printed one."""
    value = float(printed["value"])
    comparison = printed.get("comparison")
    if comparison == ">":
        return float(computed) > value
    if comparison == "<":
        return float(computed) < value
    number = re.search(r"[0-9][0-9,]*(\.[0-9]+)?\s*(%|weeks)?$", str(printed["value_text"]))
    decimals = len(number.group(1)) - 1 if number and number.group(1) else 0
    return round(float(computed), decimals) == round(value, decimals)


def difference_note(assessed: pd.DataFrame, spec: Indicator, reported: pd.DataFrame | None) -> str | None:
    """One line saying where the computed value differs from the report's, and why (None when they agree)."""
    printed = _reported_by_period(reported)
    differing = [
        str(period) for period, value in zip(assessed["period"].tolist(), assessed["cumulative_value"].tolist())
        if str(period) in printed and _is_number(printed[str(period)]["value"]) and _is_number(value)
        and not _agrees(value, printed[str(period)])
    ]
    if not differing:
        return None
    reasons = {str(r) for r in reported["reason"].dropna()} if reported is not None and "reason" in reported else set()
    why = " ".join(sorted(reasons)) or "The report's figure comes from the facility's records at that date."
    return f"Computed and reported values differ in {', '.join(differing)}. {why}"


def mark_rule(spec: Indicator) -> str:
    """The marking rule of one indicator, in words."""
    basis = "the value within the period" if spec.target_basis == "within" else "the cumulative value"
    comparison = "at most" if not spec.higher_is_better else "at least"
    rule = f"Met when {basis} is {comparison} the target"
    if spec.interim_path:
        start = "the baseline" if spec.interim_path == FROM_BASELINE else "zero"
        rule += (f"; before the target's period, on track when it is {comparison} the share due by then "
                 f"(from {start}, evenly over the periods up to the target's)")
    return rule + "; behind otherwise."


NOT_AVAILABLE = "Not available from these data"


def headline_period(assessed: pd.DataFrame) -> dict[str, Any] | None:
    """The period an indicator is summed up by: the latest started one with a target, else the latest
    finished one, else the latest started one (None if no period in view has started), as {column: value}."""
    a = _columns(assessed)
    started = [i for i, s in enumerate(a["period_started"]) if s]
    for candidates in ([i for i in started if _is_number(a["target_value"][i])],
                       [i for i in started if a["period_finished"][i]], started):
        if candidates:
            return {name: values[candidates[-1]] for name, values in a.items()}
    return None


def _rounded(value: Any, decimals: int) -> float | None:
    return round(float(value), decimals) if _is_number(value) else None


def summary_table(
    computed: list[tuple[Indicator, pd.DataFrame] | tuple[Indicator, pd.DataFrame, pd.DataFrame]],
    unavailable: list[Indicator],
) -> pd.DataFrame:
    """One row per indicator at its headline period (see headline_period), or why it is not available."""
    rows = []
    for spec, assessed, *rest in computed:
        last = headline_period(assessed)
        if last is None:
            continue
        printed = _reported_by_period(rest[0] if rest else None)
        rows.append({
            "Indicator": spec.indicator_id, "Name": spec.name, "Reporting period": last["period"],
            "Within the period": _rounded(last["within_value"], spec.decimals),
            "Cumulative": _rounded(last["cumulative_value"], spec.decimals),
            "Target": last.get("judged_target", last["target_value"]),
            "Reported": str(printed[last["period"]]["value_text"]) if last["period"] in printed else None,
            "Mark": last["mark"], "Unit": spec.unit,
        })
    for spec in unavailable:
        rows.append({"Indicator": spec.indicator_id, "Name": spec.name, "Mark": NOT_AVAILABLE, "Unit": spec.unit})
    order = {spec.indicator_id: i for i, spec in enumerate(INDICATORS)}
    rows.sort(key=lambda row: order[row["Indicator"]])
    columns = ["Indicator", "Mark", "Reporting period", "Cumulative", "Target", "Reported", "Within the period",
               "Unit", "Name"]
    return pd.DataFrame(rows, columns=columns)


def indicator_calls(spec: Indicator) -> list[tuple[str, dict[str, Any]]]:
    """The queries one row of the summary asks, with their extra parameters: its targets, its values per period
    and the final report's figures (the filters are the summary's)."""
    return [("indicator_targets", {"indicator_id": spec.indicator_id}), (spec.query, spec.query_params()),
            ("indicator_reported", {"indicator_id": spec.indicator_id})]


def indicator_summary(run, filters, prefetch=None) -> pd.DataFrame:
    """Every indicator at its headline period with its default options: ``run(query_name, filters, **extra)``.

    The same table on the Logframe indicators page and in the interim report pack. ``prefetch``, if given, is
    handed every query the summary is about to ask (``[(name, extra), ...]``), so that it can compute them side
    by side before they are asked one after the other.
    """
    inputs = run("indicator_inputs", filters)
    computable = [spec for spec in INDICATORS if spec.query and not missing_inputs(spec, inputs)]
    if prefetch is not None:
        prefetch([call for spec in computable for call in indicator_calls(spec)])
    computed = []
    for spec in computable:
        targets, values, reported = (run(name, filters, **extra) for name, extra in indicator_calls(spec))
        computed.append((spec, assess(values, spec, targets, synthetic=uses_synthetic(spec, inputs)), reported))
    return summary_table(computed, [spec for spec in INDICATORS if spec not in computable])
