"""Processing-step dates of each request (table ``milestone``), consistent with the step its status reached.

Dates are days since 1970-01-01; ``NOT_REACHED`` marks a step the request never got to. The steps are
listed in the order they happen, so the dates of one request never decrease along ``STEPS``.
"""

from __future__ import annotations

import numpy as np

from socieux.processing_steps import PROCESSING_STEPS
from socieux.synthetic.calibration import (
    AAF_ABOLISHED_FROM,
    MEDIAN_STEP_GAP_DAYS,
    SHARE_OF_PERIOD_BEFORE_FIRST_MISSION,
    STEP_GAP_SPREAD,
)
from socieux.synthetic.requests import RequestBatch

NOT_REACHED = -1
_AAF_ABOLISHED_FROM = int(np.datetime64(AAF_ABOLISHED_FROM, "D").astype(np.int64))

STEPS = PROCESSING_STEPS
STEP = {name: i for i, name in enumerate(STEPS)}
FACT_FINDING_STEPS = ("ff_mission_start", "ff_report_approved")
CLOSING_STEPS = ("final_deliverables_approved", "final_evaluation_approved", "closure_letter")

_CHECKED = ("received", "eligibility_check", "relevance_check")
_FACT_FINDING = _CHECKED + FACT_FINDING_STEPS
_NON_OBJECTED = _FACT_FINDING + ("rcl_submitted", "non_objection")
_SUBMITTED = _NON_OBJECTED + ("aaf_submitted",)
_APPROVED = _SUBMITTED + ("approved",)
_STARTED = _APPROVED + ("first_mission",)

# The steps each status can have reached (docs/definitions.md). Fact-finding steps need a fact-finding
# activity and first_mission a main activity; a record without them simply lacks those steps.
STATUS_STEPS = {
    "Request": ("received",),
    "Withdrawn": ("received", "eligibility_check"),
    "Non-eligible": ("received", "eligibility_check", "rejected"),
    "Eligible": ("received", "eligibility_check"),
    "Rejected": ("received", "eligibility_check", "rejected"),
    "Non-relevant": _CHECKED + ("rejected",),
    "Relevant": _CHECKED,
    "Merged": _CHECKED,
    "Fractionated": _CHECKED,
    "Fact-finding": _CHECKED + ("ff_mission_start",),
    "Non-feasible": _FACT_FINDING + ("rejected",),
    "Under consideration": _FACT_FINDING + ("rcl_submitted",),
    "Objected": _FACT_FINDING + ("rcl_submitted", "objection", "rejected"),
    "In formulation": _NON_OBJECTED,
    "Submitted": _SUBMITTED,
    "Not-approved": _SUBMITTED + ("rejected",),
    "Approved": _APPROVED,
    "Cancelled": _APPROVED,
    "Ongoing": _STARTED,
    "On-hold": _STARTED,
    "Addendum": _STARTED,
    "Stopped": _STARTED + ("closure_letter",),
    "Completed": _STARTED + ("final_deliverables_approved", "closure_letter"),
    "Evaluated": _STARTED + CLOSING_STEPS,
}


def status_step_mask(statuses: np.ndarray) -> np.ndarray:
    """Boolean matrix request x step: the steps each request's status can have reached."""
    unique, inverse = np.unique(statuses.astype(str), return_inverse=True)
    table = np.zeros((len(unique), len(STEPS)), dtype=bool)
    for row, status in enumerate(unique):
        # A status the facility added later counts as just received.
        for step in STATUS_STEPS.get(status, ("received",)):
            table[row, STEP[step]] = True
    return table[inverse.reshape(-1)]


def _gaps(rng: np.random.Generator, rows: int, steps: tuple[str, ...]) -> np.ndarray:
    medians = np.array([MEDIAN_STEP_GAP_DAYS.get(step, 0.0) for step in steps])
    return medians * rng.lognormal(0.0, STEP_GAP_SPREAD, size=(rows, len(steps)))


def _last_true(mask: np.ndarray) -> np.ndarray:
    return mask.shape[1] - 1 - np.argmax(mask[:, ::-1], axis=1)


def processing_steps(
    requests: RequestBatch,
    has_fact_finding: np.ndarray,
    has_main_activity: np.ndarray,
    fact_finding_days: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Dates of the steps up to the first mission (or the rejection), request x step.

    Gaps between steps are log-normal around the facility's medians, then shrunk where needed so that
    main activities can still start within the request's reporting period, the fact-finding mission
    starts within it too, and nothing happens after the data cut-off.
    """
    reached = status_step_mask(requests.status)
    for step in CLOSING_STEPS:
        reached[:, STEP[step]] = False
    reached[:, STEP["ff_mission_start"]] = has_fact_finding
    reached[:, STEP["ff_report_approved"]] &= has_fact_finding
    reached[:, STEP["first_mission"]] &= has_main_activity
    # The action approval form was abolished during RP4: later requests go from formulation to approval.
    reached[:, STEP["aaf_submitted"]] &= requests.received < _AAF_ABOLISHED_FROM

    gaps = _gaps(rng, len(requests), STEPS) * reached
    cumulative = np.cumsum(gaps, axis=1)
    # The fact-finding mission itself lasts its calendar days before its report can be approved.
    fixed = np.zeros_like(gaps)
    fixed[:, STEP["ff_report_approved"]:] = (fact_finding_days * has_fact_finding)[:, None]

    received, period_end, cut_off = requests.received, requests.period_end, requests.cut_off
    rows = np.arange(len(requests))

    def room(step_index: np.ndarray, limit: np.ndarray) -> np.ndarray:
        """Largest scale that keeps ``step_index`` on or before ``limit`` (days after receipt)."""
        spread = cumulative[rows, step_index]
        free = limit - fixed[rows, step_index]
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(spread > 0, free / spread, np.inf)

    first_mission_limit = np.floor(SHARE_OF_PERIOD_BEFORE_FIRST_MISSION * (period_end - received))
    scale = np.minimum.reduce([
        np.ones(len(requests)),
        room(_last_true(reached), cut_off - received),
        np.where(has_main_activity, room(np.full(len(rows), STEP["first_mission"]), first_mission_limit), np.inf),
        np.where(
            has_fact_finding,
            room(np.full(len(rows), STEP["ff_mission_start"]),
                 np.minimum(period_end, cut_off - fact_finding_days + 1) - received),
            np.inf,
        ),
    ])
    scale = np.clip(scale, 0.0, 1.0)
    offsets = np.floor(cumulative * scale[:, None]).astype(np.int64) + fixed.astype(np.int64)
    dates = np.minimum(received[:, None] + offsets, cut_off[:, None])
    return np.where(reached, dates, NOT_REACHED)


def add_closing_steps(
    steps: np.ndarray, requests: RequestBatch, last_activity_end: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Add final deliverables, final evaluation and closure letter after the last implemented activity."""
    reached = status_step_mask(requests.status)[:, [STEP[s] for s in CLOSING_STEPS]]
    latest_so_far = steps.max(axis=1)
    start = np.maximum(last_activity_end, latest_so_far)
    gaps = _gaps(rng, len(requests), CLOSING_STEPS) * reached
    cumulative = np.cumsum(gaps, axis=1)
    free = requests.cut_off - start
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(cumulative[:, -1] > 0, free / cumulative[:, -1], 1.0)
    scale = np.clip(scale, 0.0, 1.0)
    dates = start[:, None] + np.floor(cumulative * scale[:, None]).astype(np.int64)
    dates = np.minimum(dates, requests.cut_off[:, None])
    steps = steps.copy()
    for i, step in enumerate(CLOSING_STEPS):
        steps[:, STEP[step]] = np.where(reached[:, i], dates[:, i], NOT_REACHED)
    return steps
