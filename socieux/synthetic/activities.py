"""Activities of each request: how its working days split into a fact-finding mission and activities
'1'-'4' (sub-activities '2.1' ... for large requests), their types, dates and statuses (docs/definitions.md)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from socieux.synthetic.apportion import owners_of, rank_within, split_exactly
from socieux.synthetic.calibration import (
    ACTIVITY_TYPES,
    CLOSED_WITH_ACTIVITIES,
    COSTS_ONLY_TYPE,
    COVID_REMOTE_FROM,
    FACT_FINDING_SHARE,
    FACT_FINDING_TYPE,
    IMPLEMENTATION_STATUSES,
    MAX_ACTIVITY_GROUPS,
    MAX_STUDY_VISIT_DELEGATES,
    MEDIAN_ACTION_SPAN_DAYS_PER_ACTIVITY,
    MEDIAN_ACTIVITY_DAYS,
    MEDIAN_FACT_FINDING_DAYS,
    MISSION_WEEKS,
    STUDY_VISIT,
)
from socieux.synthetic.milestones import STEP
from socieux.synthetic.requests import RequestBatch

# Index 0 is the fact-finding mission; the others follow calibration.ACTIVITY_TYPES.
TYPE_CODES = (FACT_FINDING_TYPE[0],) + tuple(t[0] for t in ACTIVITY_TYPES)
TYPE_TITLES = (FACT_FINDING_TYPE[1],) + tuple(t[1] for t in ACTIVITY_TYPES)
# Type of activity as the PAF names it, for the activities that get participant feedback.
PAF_ACTIVITY_TYPES = tuple(dict.fromkeys(t[3] for t in ACTIVITY_TYPES if t[3]))
PAF_TYPE_OF = np.array([-1] + [PAF_ACTIVITY_TYPES.index(t[3]) if t[3] else -1 for t in ACTIVITY_TYPES])
ACTIVITY_STATUSES = ("Implemented", "Planned", "Postponed")
IMPLEMENTED, PLANNED, POSTPONED = range(3)
MODALITIES = ("On-site mission", "Distance/remote", "Mixed")
NO_PARTICIPANTS = -1

_TYPE_INDEX = {code: i for i, code in enumerate(TYPE_CODES)}
_IS_EVENT_OR_TRAINING = np.array([code.startswith(("EVT", "TRN")) for code in TYPE_CODES])
_COVID_REMOTE_FROM = int(np.datetime64(COVID_REMOTE_FROM, "D").astype(np.int64))


@dataclass
class Activities:
    """One entry per activity, grouped by request in code order and, within a request, in time order."""

    request: np.ndarray
    group: np.ndarray            # 0 = fact-finding, 1..4
    sub: np.ndarray              # 0 = no sub-number; 1 = 'g.1' ...
    is_fact_finding: np.ndarray
    half_days: np.ndarray
    type: np.ndarray             # index into TYPE_CODES
    participants: np.ndarray     # NO_PARTICIPANTS where not recorded
    start: np.ndarray | None = None
    end: np.ndarray | None = None
    status: np.ndarray | None = None
    modality: np.ndarray | None = None

    # Each batch says its own length, as experts.Roster does: a shared base class would hide the fields.
    def __len__(self) -> int:
        return len(self.request)


@dataclass(frozen=True)
class DaysPlan:
    """How each request's working days divide before they become activities."""

    fact_finding_half_days: np.ndarray
    main_half_days: np.ndarray
    has_fact_finding: np.ndarray
    main_activities: np.ndarray      # number of activities besides fact-finding


def plan_days(requests: RequestBatch, rng: np.random.Generator) -> DaysPlan:
    """Split each request's days into a fact-finding mission and a number of main activities."""
    half_days = requests.half_days
    implemented = requests.in_statuses(IMPLEMENTATION_STATUSES)
    costs_only = (half_days == 0) & (requests.cents > 0)
    period_left = requests.period_end - requests.received

    # Days on records that never reached implementation are fact-finding or preparatory work.
    preparatory = ~implemented & (half_days > 0)
    fact_finding_draw = np.round(2 * MEDIAN_FACT_FINDING_DAYS * rng.lognormal(0.0, 0.35, len(requests)))
    opening_mission = (
        implemented
        & (half_days >= 60)
        & (period_left >= 90)
        & (rng.random(len(requests)) < FACT_FINDING_SHARE)
    )
    opening_half_days = np.clip(fact_finding_draw, 2, np.floor(0.3 * half_days)).astype(np.int64)
    fact_finding_half_days = np.where(preparatory, half_days, np.where(opening_mission, opening_half_days, 0))

    main_half_days = np.where(implemented, half_days - fact_finding_half_days, 0)
    activity_days = MEDIAN_ACTIVITY_DAYS * rng.lognormal(0.0, 0.3, len(requests))
    main_activities = np.clip(np.round(main_half_days / (2 * activity_days)), 1, np.maximum(main_half_days, 1))
    main_activities = np.where(main_half_days > 0, main_activities, 0).astype(np.int64)
    main_activities = np.where(implemented & costs_only, 1, main_activities)
    has_fact_finding = (fact_finding_half_days > 0) | (~implemented & costs_only)
    return DaysPlan(fact_finding_half_days, main_half_days, has_fact_finding, main_activities)


def _group_and_sub(position: np.ndarray, count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Activity groups '1'-'4' in time order; beyond four activities, groups get sub-activities."""
    base = np.maximum(count // MAX_ACTIVITY_GROUPS, 1)
    extra = np.where(count > MAX_ACTIVITY_GROUPS, count % MAX_ACTIVITY_GROUPS, 0)
    in_big_groups = position < extra * (base + 1)
    later = position - extra * (base + 1)
    group = np.where(in_big_groups, position // (base + 1), extra + later // base)
    index_in_group = np.where(in_big_groups, position % (base + 1), later % base)
    group_size = base + (group < extra)
    sub = np.where(group_size > 1, index_in_group + 1, 0)
    return group + 1, sub


def _draw_types(position: np.ndarray, count: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    weights = np.array([t[2] for t in ACTIVITY_TYPES])
    types = 1 + np.searchsorted(np.cumsum(weights) / weights.sum(), rng.random(len(position)), side="right")
    # A study visit is never the first or last activity: those draw again without it.
    visit = _TYPE_INDEX[STUDY_VISIT]
    no_visit = np.where(np.arange(1, len(TYPE_CODES)) == visit, 0.0, weights)
    redrawn = 1 + np.searchsorted(np.cumsum(no_visit) / no_visit.sum(), rng.random(len(position)), side="right")
    at_edge = (position == 0) | (position == count - 1)
    return np.where((types == visit) & at_edge, redrawn, types)


def _draw_participants(types: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    event = _IS_EVENT_OR_TRAINING[types]
    visit = types == _TYPE_INDEX[STUDY_VISIT]
    return np.select(
        [event, visit, types == 0],
        [rng.integers(10, 61, len(types)), rng.integers(2, MAX_STUDY_VISIT_DELEGATES + 1, len(types)),
         NO_PARTICIPANTS],
        default=rng.integers(2, 16, len(types)),
    )


def lay_out_activities(requests: RequestBatch, days: DaysPlan, rng: np.random.Generator) -> Activities:
    """One entry per activity with its number, type, participants and working days (no dates yet)."""
    per_request = days.has_fact_finding.astype(np.int64) + days.main_activities
    request = owners_of(per_request)
    rank = rank_within(request)
    is_fact_finding = days.has_fact_finding[request] & (rank == 0)
    position = rank - days.has_fact_finding[request]
    count = days.main_activities[request]

    group, sub = _group_and_sub(position, count)
    group = np.where(is_fact_finding, 0, group)
    sub = np.where(is_fact_finding, 0, sub)

    half_days = np.where(is_fact_finding, days.fact_finding_half_days[request], 0)
    main = ~is_fact_finding & (days.main_half_days[request] > 0)
    half_days[main] = split_exactly(
        days.main_half_days, request[main], rng.gamma(4.0, size=int(main.sum())), minimum=1
    )

    types = _draw_types(position, count, rng)
    costs_only = ~is_fact_finding & (days.main_half_days[request] == 0)
    types = np.where(costs_only, _TYPE_INDEX[COSTS_ONLY_TYPE], types)
    types = np.where(is_fact_finding, 0, types)
    participants = _draw_participants(types, rng)
    participants = np.where(costs_only, rng.integers(1, 7, len(types)), participants)
    return Activities(request, group, sub, is_fact_finding, half_days, types, participants)


def mission_calendar_days(activities: Activities, rng: np.random.Generator) -> np.ndarray:
    """Calendar length of each mission: one to three weeks (fact-finding: one to two)."""
    low, high = 7 * MISSION_WEEKS[0], 7 * MISSION_WEEKS[1]
    return np.where(
        activities.is_fact_finding,
        rng.integers(low, 2 * low + 1, len(activities)),
        rng.integers(low, high + 1, len(activities)),
    )


def schedule_activities(
    activities: Activities,
    requests: RequestBatch,
    steps: np.ndarray,
    calendar_days: np.ndarray,
    rng: np.random.Generator,
) -> None:
    """Set start and end dates, status and modality of each activity.

    Fact-finding starts on the step ``ff_mission_start``; main activities start on ``first_mission`` or
    later, within the request's reporting period; closed actions end before the data cut-off.
    """
    request = activities.request
    main = ~activities.is_fact_finding
    has_fact_finding = np.bincount(request[activities.is_fact_finding], minlength=len(requests)) > 0
    position = rank_within(request) - has_fact_finding[request]
    count = np.bincount(request[main], minlength=len(requests))[request]
    first_mission = steps[request, STEP["first_mission"]]
    cut_off = requests.cut_off[request]

    # Main activities spread after the first mission, up to the end of the reporting period.
    span_wanted = np.round(
        MEDIAN_ACTION_SPAN_DAYS_PER_ACTIVITY * np.maximum(count - 1, 0) * rng.lognormal(0.0, 0.3, len(request))
    )
    span = np.clip(np.minimum(span_wanted, requests.period_end[request] - first_mission), 0, None)
    main_rows = np.flatnonzero(main)
    share = np.where(position[main_rows] == 0, 0.0, rng.random(len(main_rows)))
    share = share[np.lexsort((share, request[main_rows]))]
    start = steps[request, STEP["ff_mission_start"]].copy()
    start[main_rows] = first_mission[main_rows] + np.floor(share * span[main_rows]).astype(np.int64)

    end = start + calendar_days - 1
    closed = requests.in_statuses(CLOSED_WITH_ACTIVITIES)[request]
    # Closed actions leave a day or two for final deliverables and the closure letter.
    latest_end = np.where(closed & main, cut_off - 2, cut_off)
    end = np.clip(end, start, np.maximum(latest_end, start))

    status = np.full(len(request), IMPLEMENTED)
    statuses = requests.status[request]
    later = main & (position > 0)
    last = main & (position == count - 1)
    ongoing = np.isin(statuses, np.array(["Ongoing", "Addendum"], dtype=object))
    status[ongoing & later & (start > cut_off - 90)] = PLANNED
    on_hold = statuses == "On-hold"
    status[on_hold & later & last & (rng.random(len(request)) < 0.5)] = POSTPONED

    remote_era = start >= _COVID_REMOTE_FROM
    draw = rng.random(len(request))
    activities.modality = np.where(
        remote_era,
        np.select([draw < 0.70, draw < 0.85], [1, 2], default=0),
        np.where(draw < 0.95, 0, 2),
    )
    activities.start, activities.end, activities.status = start, end, status


def activity_numbers(group: np.ndarray, sub: np.ndarray) -> tuple[np.ndarray, tuple[str, ...]]:
    """Activity numbers as the facility writes them ('0', '2', '2.1'): codes into a tuple of labels."""
    most_subs = int(sub.max(initial=0))
    labels = tuple(str(g) for g in range(MAX_ACTIVITY_GROUPS + 1)) + tuple(
        f"{g}.{s}" for g in range(1, MAX_ACTIVITY_GROUPS + 1) for s in range(1, most_subs + 1)
    )
    codes = np.where(sub == 0, group, MAX_ACTIVITY_GROUPS + 1 + (group - 1) * most_subs + sub - 1)
    return codes, labels
