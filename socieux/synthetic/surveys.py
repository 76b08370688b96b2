"""Feedback forms for implemented activities (docs/definitions.md): PIF per action or activity group,
EXF per mobilised expert, PAF per participant of trainings, seminars, workshops and roundtables."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np

from socieux.synthetic.activities import IMPLEMENTED, PAF_TYPE_OF, Activities
from socieux.synthetic.assignments import Assignments
from socieux.synthetic.calibration import (
    EXF_RESPONSE_RATE,
    L5_SHARES,
    MAX_ACTIVITY_GROUPS,
    NEGATIVE_SPLIT,
    NOT_RELEVANT_SHARE,
    PAF_RESPONSE_RATE,
    PAF_SEX_SHARES,
    PIF_PER_ACTIVITY_GROUP,
    PIF_RESPONSE_RATE,
    POSITIVE_SHARE,
    PUBLIC_EXPERT_QUESTIONS,
    PUBLIC_NOT_APPLICABLE_SHARE,
    SHARE_COMPLETELY_AGREE_OF_POSITIVE,
    SURVEYED_STATUSES,
    YES_SHARE,
)
from socieux.synthetic.requests import RequestBatch

FORMS = ("PIF", "EXF", "PAF")
ANSWER_LABELS = (
    "1", "2", "3", "4", "5",
    "Completely disagree", "Partially disagree", "Do not agree nor disagree", "Partially agree",
    "Completely agree",
    "Not relevant", "Not applicable", "No", "Yes",
)
ANSWER_SCORES = np.array([1, 2, 3, 4, 5, 1, 2, 3, 4, 5, -1, -1, 0, 1])
NO_SCORE = -1
_L5, _A5, _NOT_RELEVANT, _NOT_APPLICABLE, _NO, _YES = 0, 5, 10, 11, 12, 13
RESPONDENT_SEXES = tuple(PAF_SEX_SHARES)
NOT_SAID = -1
_GROUP_KEYS = MAX_ACTIVITY_GROUPS + 1      # request * _GROUP_KEYS + group keys one activity group


@dataclass(frozen=True)
class Questionnaire:
    """The closed questions of one form, from table survey_question in sort order."""

    form: str
    codes: tuple[str, ...]
    domains: tuple[str, ...]
    scales: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.codes)


def read_questionnaires(con: duckdb.DuckDBPyConnection) -> dict[str, Questionnaire]:
    """The PIF, EXF and PAF questions of the dataset version."""
    rows = con.execute(
        "SELECT form, question_code, domain, scale FROM survey_question ORDER BY form, sort_order"
    ).fetchall()
    return {
        form: Questionnaire(
            form,
            tuple(r[1] for r in rows if r[0] == form),
            tuple(r[2] for r in rows if r[0] == form),
            tuple(r[3] for r in rows if r[0] == form),
        )
        for form in FORMS
    }


@dataclass(frozen=True)
class Responses:
    """Responses to one form and their answers (response x question, indexes into ANSWER_LABELS)."""

    form: str
    request: np.ndarray
    activity: np.ndarray          # the activity answered about; PIF: the first of its activities
    last_group: np.ndarray        # PIF: last activity group covered (activity label '1-3'); else 0
    respondent_no: np.ndarray
    submitted: np.ndarray
    role: np.ndarray              # EXF: index into EXPERT_ROLES; PAF: into PAF_ACTIVITY_TYPES; PIF: -1
    sex: np.ndarray               # PAF: index into RESPONDENT_SEXES or NOT_SAID
    answers: np.ndarray

    def __len__(self) -> int:
        return len(self.request)


def surveyed_activities(requests: RequestBatch, activities: Activities) -> np.ndarray:
    """Implemented main activities of implemented actions: the only ones that get feedback forms."""
    return (
        requests.in_statuses(SURVEYED_STATUSES)[activities.request]
        & (activities.status == IMPLEMENTED)
        & ~activities.is_fact_finding
    )


def _after(end: np.ndarray, median_days: float, cut_off: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    lag = np.round(median_days * rng.lognormal(0.0, 0.5, len(end))).astype(np.int64)
    return np.clip(end + lag, end, np.maximum(cut_off, end))


def draw_answers(
    questionnaire: Questionnaire, responses: int, public_expert: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Answers per response and question with the calibrated shares of positive and not relevant."""
    answers = np.empty((responses, len(questionnaire)), dtype=np.int64)
    questions = zip(questionnaire.codes, questionnaire.domains, questionnaire.scales)
    for j, (code, domain, scale) in enumerate(questions):
        draw = rng.random(responses)
        if scale == "L5":
            answers[:, j] = _L5 + np.searchsorted(np.cumsum(L5_SHARES), draw * sum(L5_SHARES), side="right")
            answers[:, j] = np.minimum(answers[:, j], _L5 + 4)
            continue
        if scale == "YN":
            answers[:, j] = np.where(draw < YES_SHARE, _YES, _NO)
            continue
        if scale == "A5+NR":
            not_relevant = NOT_RELEVANT_SHARE.get((questionnaire.form, code), 0.1)
            missing_share, missing = np.full(responses, not_relevant), _NOT_RELEVANT
        elif scale == "A5+NA":
            private_answer = 1.0 if code in PUBLIC_EXPERT_QUESTIONS else PUBLIC_NOT_APPLICABLE_SHARE
            missing_share = np.where(public_expert, PUBLIC_NOT_APPLICABLE_SHARE, private_answer)
            missing = _NOT_APPLICABLE
        else:
            missing_share, missing = np.zeros(responses), _NOT_RELEVANT
        positive = POSITIVE_SHARE[(questionnaire.form, domain)]
        answered = (draw - missing_share) / np.maximum(1.0 - missing_share, 1e-9)
        cut = np.cumsum([
            positive * SHARE_COMPLETELY_AGREE_OF_POSITIVE,
            positive * (1 - SHARE_COMPLETELY_AGREE_OF_POSITIVE),
            (1 - positive) * NEGATIVE_SPLIT[2],
            (1 - positive) * NEGATIVE_SPLIT[1],
        ])
        # Completely agree, partially agree, neutral, partially disagree, completely disagree.
        grade = np.minimum(np.searchsorted(cut, answered, side="right"), 4)
        answers[:, j] = np.where(draw < missing_share, missing, _A5 + 4 - grade)
    return answers


def expected_answers(
    requests: RequestBatch, activities: Activities, assignments: Assignments,
    questionnaires: dict[str, Questionnaire],
) -> float:
    """Answers the forms would bring at full response rates: to scale them to a wanted number."""
    surveyed = surveyed_activities(requests, activities)
    actions = len(np.unique(activities.request[surveyed]))
    experts = int(surveyed[assignments.activity].sum())
    participants = activities.participants[surveyed & _has_paf(activities)].sum()
    return (
        actions * PIF_RESPONSE_RATE * len(questionnaires["PIF"])
        + experts * EXF_RESPONSE_RATE * len(questionnaires["EXF"])
        + participants * PAF_RESPONSE_RATE * len(questionnaires["PAF"])
    )


def _has_paf(activities: Activities) -> np.ndarray:
    return PAF_TYPE_OF[activities.type] >= 0


def partner_feedback(
    requests: RequestBatch, activities: Activities, questionnaire: Questionnaire, rate: float,
    rng: np.random.Generator,
) -> Responses:
    """PIF: one per action, or one per activity group for some actions with several groups."""
    surveyed = np.flatnonzero(surveyed_activities(requests, activities))
    request, group = activities.request[surveyed], activities.group[surveyed]
    action_of_group = np.unique(request * _GROUP_KEYS + group) // _GROUP_KEYS
    groups_per_action = np.bincount(action_of_group, minlength=len(requests))
    per_group = (groups_per_action >= 2) & (rng.random(len(requests)) < PIF_PER_ACTIVITY_GROUP)

    # A unit is (request, first group, last group); per-group units cover one group.
    unit_first = np.where(per_group[request], group, 0)
    units, unit_of = np.unique(request * _GROUP_KEYS + unit_first, return_inverse=True)
    unit_request = units // _GROUP_KEYS
    last_group = np.zeros(len(units), dtype=np.int64)
    np.maximum.at(last_group, unit_of, group)
    first_activity = np.full(len(units), np.iinfo(np.int64).max)
    np.minimum.at(first_activity, unit_of, surveyed)
    last_end = np.zeros(len(units), dtype=np.int64)
    np.maximum.at(last_end, unit_of, activities.end[surveyed])

    answering = rng.random(len(units)) < PIF_RESPONSE_RATE * rate
    unit_request, first_activity, last_group, last_end = (
        unit_request[answering], first_activity[answering], last_group[answering], last_end[answering]
    )
    submitted = _after(last_end, 20.0, requests.cut_off[unit_request], rng)
    none = np.full(len(unit_request), -1)
    return Responses(
        "PIF", unit_request, first_activity, last_group, np.ones(len(unit_request), dtype=np.int64),
        submitted, none, none.copy(),
        draw_answers(questionnaire, len(unit_request), np.zeros(len(unit_request), dtype=bool), rng),
    )


def expert_feedback(
    requests: RequestBatch, activities: Activities, assignments: Assignments, main_type_public: np.ndarray,
    questionnaire: Questionnaire, rate: float, rng: np.random.Generator,
) -> Responses:
    """EXF: most mobilised experts answer about their activity; private experts skip the public section."""
    surveyed = surveyed_activities(requests, activities)[assignments.activity]
    answering = np.flatnonzero(surveyed & (rng.random(len(assignments)) < EXF_RESPONSE_RATE * rate))
    activity = assignments.activity[answering]
    request = activities.request[activity]
    submitted = _after(activities.end[activity], 10.0, requests.cut_off[request], rng)
    return Responses(
        "EXF", request, activity, np.zeros(len(answering), dtype=np.int64), assignments.member[answering],
        submitted, assignments.role[answering], np.full(len(answering), NOT_SAID),
        draw_answers(questionnaire, len(answering), main_type_public[answering], rng),
    )


def participant_feedback(
    requests: RequestBatch, activities: Activities, questionnaire: Questionnaire, rate: float,
    rng: np.random.Generator,
) -> Responses:
    """PAF: part of the participants of trainings, seminars, workshops and roundtables answer."""
    eligible = np.flatnonzero(surveyed_activities(requests, activities) & _has_paf(activities))
    respondents = rng.binomial(activities.participants[eligible], min(PAF_RESPONSE_RATE * rate, 1.0))
    activity = np.repeat(eligible, respondents)
    request = activities.request[activity]
    respondent_no = np.arange(len(activity)) - np.repeat(np.cumsum(respondents) - respondents, respondents) + 1
    submitted = _after(activities.end[activity], 7.0, requests.cut_off[request], rng)
    shares = np.array(list(PAF_SEX_SHARES.values()))
    sex_draw = rng.random(len(activity))
    sex = np.where(sex_draw < shares.sum(), np.searchsorted(np.cumsum(shares), sex_draw, side="right"), NOT_SAID)
    return Responses(
        "PAF", request, activity, np.zeros(len(activity), dtype=np.int64), respondent_no, submitted,
        PAF_TYPE_OF[activities.type[activity]], sex,
        draw_answers(questionnaire, len(activity), np.ones(len(activity), dtype=bool), rng),
    )
