"""The generation run: requests in, synthetic activities, experts, assignments, expenditure, feedback
and milestones out, chunk by chunk so that millions of requests fit in little memory.

Two passes over the same deterministic chunks: the first learns how many days each expert works and
when they are first mobilised (their attributes are calibrated on days and registration precedes the
first mission), the second regenerates each chunk identically and writes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import duckdb
import numpy as np

from socieux.synthetic import tables
from socieux.synthetic.activities import (
    IMPLEMENTED,
    Activities,
    DaysPlan,
    lay_out_activities,
    mission_calendar_days,
    plan_days,
    schedule_activities,
)
from socieux.synthetic.apportion import group_max
from socieux.synthetic.assignments import Assignments, plan_assignments
from socieux.synthetic.calibration import ACTION_WINDOW_SPREAD, ASSIGNMENTS_PER_EXPERT, MEDIAN_ACTION_WINDOW_DAYS
from socieux.synthetic.calls import add_synthetic_calls
from socieux.synthetic.classification import add_synthetic_types
from socieux.synthetic.expenditure import expenditure_lines
from socieux.synthetic.experts import (
    NEVER_MOBILISED,
    PUBLIC,
    ExpertProfiles,
    Roster,
    draw_roster,
    expert_id_width,
    pick_experts,
    profile_experts,
)
from socieux.synthetic.milestones import NOT_REACHED, add_closing_steps, processing_steps
from socieux.synthetic.requests import RequestBatch, read_requests
from socieux.synthetic.surveys import (
    expected_answers,
    expert_feedback,
    partner_feedback,
    participant_feedback,
    read_questionnaires,
)

# Independent random streams: one for the roster, one per chunk for the plan, one per chunk for the rest.
_ROSTER_STREAM, _PLAN_STREAM, _DETAIL_STREAM, _PROFILE_STREAM, _WINDOW_STREAM = range(5)


@dataclass(frozen=True)
class GenerationSettings:
    """How much to generate at once and how the volumes scale."""

    requests_per_chunk: int = 25_000
    assignments_per_expert: float = ASSIGNMENTS_PER_EXPERT
    survey_answers: int | None = None     # wanted number of answers; None = calibrated response rates
    after_chunk: Callable[[duckdb.DuckDBPyConnection], None] | None = None   # e.g. commit to bound memory


@dataclass(frozen=True)
class ChunkPlan:
    """Everything about a chunk of requests that fixes who works when."""

    requests: RequestBatch
    days: DaysPlan
    activities: Activities
    assignments: Assignments
    steps: np.ndarray


def _rng(seed: int, stream: int, chunk: int = 0) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(stream, chunk)))


def plan_chunk(requests: RequestBatch, roster: Roster, rng: np.random.Generator) -> ChunkPlan:
    """Activities, their dates, the processing steps and the assignments of a chunk of requests."""
    days = plan_days(requests, rng)
    activities = lay_out_activities(requests, days, rng)
    calendar_days = mission_calendar_days(activities, rng)
    fact_finding_days = np.zeros(len(requests), dtype=np.int64)
    fact_finding_days[activities.request[activities.is_fact_finding]] = calendar_days[activities.is_fact_finding]
    steps = processing_steps(requests, days.has_fact_finding, days.main_activities > 0, fact_finding_days, rng)
    schedule_activities(activities, requests, steps, calendar_days, rng)
    implemented = activities.status == IMPLEMENTED
    last_end = group_max(activities.request[implemented], activities.end[implemented], len(requests), NOT_REACHED)
    steps = add_closing_steps(steps, requests, last_end, rng)
    assignments = plan_assignments(activities, calendar_days, rng)
    assignments.expert = pick_experts(assignments, roster, rng)
    return ChunkPlan(requests, days, activities, assignments, steps)


def activity_windows(requests: RequestBatch, rng: np.random.Generator) -> RequestBatch:
    """The requests with ``period_end`` moved to the end of each action's activity window (see calibration)."""
    length = np.round(MEDIAN_ACTION_WINDOW_DAYS * rng.lognormal(0.0, ACTION_WINDOW_SPREAD, len(requests)))
    window_end = np.minimum(requests.received + length.astype(np.int64), requests.cut_off)
    return replace(requests, period_end=np.maximum(requests.period_end, window_end))


def _chunks(requests: RequestBatch, roster: Roster, seed: int, size: int) -> Iterator[ChunkPlan]:
    for number, start in enumerate(range(0, len(requests), size)):
        chunk = activity_windows(requests.rows(start, start + size), _rng(seed, _WINDOW_STREAM, number))
        yield plan_chunk(chunk, roster, _rng(seed, _PLAN_STREAM, number))


def _write_chunk(
    con: duckdb.DuckDBPyConnection,
    plan: ChunkPlan,
    profiles: ExpertProfiles,
    id_width: int,
    questionnaires: dict,
    survey_rate: float,
    rng: np.random.Generator,
) -> None:
    requests, activities, assignments = plan.requests, plan.activities, plan.assignments
    tables.insert_activities(con, requests, activities, assignments)
    tables.insert_assignments(con, requests, activities, assignments, profiles, id_width)
    lines = expenditure_lines(requests, activities, assignments, rng)
    tables.insert_expenditure(con, requests, activities, assignments, lines)
    public = profiles.main_type[assignments.expert] == PUBLIC
    for responses in (
        partner_feedback(requests, activities, questionnaires["PIF"], survey_rate, rng),
        expert_feedback(requests, activities, assignments, public, questionnaires["EXF"], survey_rate, rng),
        participant_feedback(requests, activities, questionnaires["PAF"], survey_rate, rng),
    ):
        tables.insert_responses(con, requests, activities, responses, questionnaires[responses.form].codes)
    tables.insert_milestones(con, requests, plan.steps)


def generate_synthetic(con: duckdb.DuckDBPyConnection, seed: int, settings: GenerationSettings) -> None:
    """Fill the synthetic tables for every request of the connection (see ``populate_synthetic``)."""
    requests = read_requests(con)
    if len(requests) == 0:
        return
    questionnaires = read_questionnaires(con)
    roster = draw_roster(
        int(requests.half_days.sum()), settings.assignments_per_expert, _rng(seed, _ROSTER_STREAM)
    )

    days_per_expert = np.zeros(len(roster))
    first_mission = np.full(len(roster), NEVER_MOBILISED, dtype=np.int64)
    potential_answers = 0.0
    for plan in _chunks(requests, roster, seed, settings.requests_per_chunk):
        assignments = plan.assignments
        days_per_expert += np.bincount(assignments.expert, weights=assignments.half_days, minlength=len(roster))
        np.minimum.at(first_mission, assignments.expert, plan.activities.start[assignments.activity])
        potential_answers += expected_answers(plan.requests, plan.activities, assignments, questionnaires)

    survey_rate = 1.0
    if settings.survey_answers is not None and potential_answers > 0:
        survey_rate = min(1.0, settings.survey_answers / potential_answers)
    profiles = profile_experts(
        days_per_expert, first_mission, int(requests.cut_off.max()), _rng(seed, _PROFILE_STREAM)
    )
    id_width = expert_id_width(len(roster))
    tables.insert_experts(con, profiles, id_width)

    for number, plan in enumerate(_chunks(requests, roster, seed, settings.requests_per_chunk)):
        rng = _rng(seed, _DETAIL_STREAM, number)
        _write_chunk(con, plan, profiles, id_width, questionnaires, survey_rate, rng)
        if settings.after_chunk is not None:
            settings.after_chunk(con)
    add_synthetic_types(con, seed)
    add_synthetic_calls(con, seed)


def populate_synthetic(con: duckdb.DuckDBPyConnection, seed: int = 2016) -> None:
    """Add synthetic demo activities, experts, assignments, expenditure lines, feedback and milestones
    consistent with each request's working days, expenditure and status (docs/definitions.md)."""
    generate_synthetic(con, seed, GenerationSettings())

