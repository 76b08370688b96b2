"""Insertion of the generated arrays into the dataset tables, every row marked ``is_synthetic``.

Strings travel as pandas categoricals (codes into a small list of labels) and composite identifiers are
built by DuckDB, so no Python loop runs per row; inserts keep the order of the frames.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from socieux.synthetic.activities import (
    ACTIVITY_STATUSES,
    MODALITIES,
    PAF_ACTIVITY_TYPES,
    TYPE_CODES,
    TYPE_TITLES,
    Activities,
    activity_numbers,
)
from socieux.synthetic.apportion import group_sum
from socieux.synthetic.assignments import Assignments
from socieux.synthetic.calibration import EXPERT_ROLES
from socieux.synthetic.expenditure import COST_CATEGORIES, ExpenditureLines
from socieux.synthetic.experts import (
    AREAS_OF_ELIGIBILITY,
    GENDERS,
    MAIN_TYPES,
    NATIONALITIES,
    PROGRAMMES,
    TYPES,
    ExpertProfiles,
    TYPE_MAIN_TYPE,
)
from socieux.synthetic.milestones import NOT_REACHED, STEPS
from socieux.synthetic.requests import RequestBatch
from socieux.synthetic.surveys import ANSWER_LABELS, ANSWER_SCORES, NO_SCORE, RESPONDENT_SEXES, Responses

_DAY_ZERO = "DATE '1970-01-01'"
_HALF_DAY = "0.5::DECIMAL(2, 1)"
_CENT = "0.01::DECIMAL(3, 2)"


def _labels(codes: np.ndarray, labels) -> pd.Categorical:
    """Strings as a categorical; a negative code is NULL."""
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int64), categories=pd.Index(list(labels)))


def _codes(requests: RequestBatch, request: np.ndarray) -> pd.Categorical:
    return pd.Categorical.from_codes(request, dtype=requests.code_type)


def insert_experts(con: duckdb.DuckDBPyConnection, profiles: ExpertProfiles, id_width: int) -> None:
    """The whole roster, numbered 'EXP-000001' ... in roster order."""
    frame = pd.DataFrame({
        "expert_no": np.arange(1, len(profiles.gender) + 1),
        "gender": _labels(profiles.gender, GENDERS),
        "nationality": _labels(profiles.nationality, NATIONALITIES),
        "area_of_eligibility": _labels(profiles.area_of_eligibility, AREAS_OF_ELIGIBILITY),
        "main_type": _labels(profiles.main_type, MAIN_TYPES),
        "type": _labels(profiles.expert_type, TYPES),
        "registration": profiles.registration,
        "profile_validated": profiles.profile_validated,
        "programme": _labels(profiles.programme, PROGRAMMES),
    })
    con.execute(
        f"""
        INSERT INTO expert BY NAME
        SELECT
            'EXP-' || lpad(CAST(expert_no AS VARCHAR), {int(id_width)}, '0') AS expert_id,
            gender, nationality, area_of_eligibility, main_type, type,
            {_DAY_ZERO} + CAST(registration AS INTEGER) AS registration_date,
            profile_validated,
            programme AS programme_registered,
            true AS is_synthetic
        FROM frame
        """
    )


def insert_activities(
    con: duckdb.DuckDBPyConnection, requests: RequestBatch, activities: Activities, assignments: Assignments
) -> None:
    """Activities with working and mission days summed over their assignments."""
    number, number_labels = activity_numbers(activities.group, activities.sub)
    frame = pd.DataFrame({
        "code": _codes(requests, activities.request),
        "activity_no": _labels(number, number_labels),
        "title": _labels(activities.type, TYPE_TITLES),
        "activity_type": _labels(activities.type, TYPE_CODES),
        "is_fact_finding": activities.is_fact_finding,
        "modality": _labels(activities.modality, MODALITIES),
        "start_day": activities.start,
        "end_day": activities.end,
        "status": _labels(activities.status, ACTIVITY_STATUSES),
        "half_days": group_sum(assignments.activity, assignments.half_days, len(activities)),
        "mission_half_days": group_sum(assignments.activity, assignments.mission_half_days, len(activities)),
        "participants": activities.participants,
    })
    con.execute(
        f"""
        INSERT INTO activity BY NAME
        SELECT
            code, activity_no, title, activity_type, is_fact_finding, modality,
            {_DAY_ZERO} + CAST(start_day AS INTEGER) AS start_date,
            {_DAY_ZERO} + CAST(end_day AS INTEGER) AS end_date,
            status,
            half_days * {_HALF_DAY} AS working_days,
            mission_half_days * {_HALF_DAY} AS mission_days,
            nullif(participants, -1) AS participants_total,
            true AS is_synthetic
        FROM frame
        """
    )


def insert_assignments(
    con: duckdb.DuckDBPyConnection,
    requests: RequestBatch,
    activities: Activities,
    assignments: Assignments,
    profiles: ExpertProfiles,
    id_width: int,
) -> None:
    """Assignments '<code>/<activity_no>/<member>' with the expert's attributes as at the assignment."""
    number, number_labels = activity_numbers(activities.group, activities.sub)
    activity, expert = assignments.activity, assignments.expert
    frame = pd.DataFrame({
        "code": _codes(requests, activities.request[activity]),
        "activity_no": _labels(number[activity], number_labels),
        "member": assignments.member,
        "expert_no": expert + 1,
        "role": _labels(assignments.role, EXPERT_ROLES),
        "start_day": activities.start[activity],
        "end_day": activities.end[activity],
        "half_days": assignments.half_days,
        "mission_half_days": assignments.mission_half_days,
        "main_type": _labels(TYPE_MAIN_TYPE[profiles.expert_type[expert]], MAIN_TYPES),
        "type": _labels(profiles.expert_type[expert], TYPES),
        "area_of_eligibility": _labels(profiles.area_of_eligibility[expert], AREAS_OF_ELIGIBILITY),
        "nationality": _labels(profiles.nationality[expert], NATIONALITIES),
        "gender": _labels(profiles.gender[expert], GENDERS),
    })
    con.execute(
        f"""
        INSERT INTO expert_assignment BY NAME
        SELECT
            code || '/' || activity_no || '/' || member AS assignment_id,
            code, activity_no,
            'EXP-' || lpad(CAST(expert_no AS VARCHAR), {int(id_width)}, '0') AS expert_id,
            role,
            {_DAY_ZERO} + CAST(start_day AS INTEGER) AS start_date,
            {_DAY_ZERO} + CAST(end_day AS INTEGER) AS end_date,
            half_days * {_HALF_DAY} AS working_days,
            mission_half_days * {_HALF_DAY} AS mission_days,
            main_type, type, area_of_eligibility, nationality, gender,
            true AS is_synthetic
        FROM frame
        """
    )


def insert_expenditure(
    con: duckdb.DuckDBPyConnection,
    requests: RequestBatch,
    activities: Activities,
    assignments: Assignments,
    lines: ExpenditureLines,
) -> None:
    """Expenditure lines '<code>/<activity_no>/<line>'; per-expert lines name their assignment."""
    number, number_labels = activity_numbers(activities.group, activities.sub)
    linked = lines.assignment >= 0
    member = np.where(linked, assignments.member[np.where(linked, lines.assignment, 0)], -1)
    frame = pd.DataFrame({
        "code": _codes(requests, activities.request[lines.activity]),
        "activity_no": _labels(number[lines.activity], number_labels),
        "line_no": lines.line_no,
        "member": member,
        "cost_category": _labels(lines.category, COST_CATEGORIES),
        "cents": lines.cents,
        "expense_day": lines.date,
    })
    con.execute(
        f"""
        INSERT INTO expenditure_line BY NAME
        SELECT
            code || '/' || activity_no || '/' || line_no AS line_id,
            code, activity_no,
            CASE WHEN member > 0 THEN code || '/' || activity_no || '/' || member END AS assignment_id,
            cost_category,
            cents * {_CENT} AS amount_eur,
            {_DAY_ZERO} + CAST(expense_day AS INTEGER) AS expense_date,
            'Actual' AS budget_type,
            true AS is_synthetic
        FROM frame
        """
    )


def _pif_labels(first_group: np.ndarray, last_group: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """PIF activity numbers as free text: '2' for one group, '1-3' for several."""
    labels = [str(g) if g == h else f"{g}-{h}" for g in range(1, 5) for h in range(1, 5)]
    return (first_group - 1) * 4 + (last_group - 1), labels


def insert_responses(
    con: duckdb.DuckDBPyConnection,
    requests: RequestBatch,
    activities: Activities,
    responses: Responses,
    questions: tuple[str, ...],
) -> None:
    """Survey responses '<code>/<activity_no>/<respondent>' and their answers in long form."""
    if len(responses) == 0:
        return
    if responses.form == "PIF":
        first_group = activities.group[responses.activity]
        number, number_labels = _pif_labels(first_group, np.maximum(responses.last_group, first_group))
        role, role_labels = np.full(len(responses), -1), ["none"]
    else:
        number, number_labels = activity_numbers(activities.group, activities.sub)
        number = number[responses.activity]
        if responses.form == "EXF":
            role, role_labels = responses.role, EXPERT_ROLES
        else:
            role, role_labels = responses.role, PAF_ACTIVITY_TYPES
    frame = pd.DataFrame({
        "code": _codes(requests, responses.request),
        "activity_no": _labels(number, number_labels),
        "respondent_no": responses.respondent_no,
        "submitted_day": responses.submitted,
        "respondent_role": _labels(role, role_labels),
        "respondent_sex": _labels(responses.sex, RESPONDENT_SEXES),
    })
    con.execute(
        f"""
        INSERT INTO survey_response BY NAME
        SELECT
            ? AS form,
            code || '/' || activity_no || '/' || respondent_no AS response_id,
            code, activity_no,
            {_DAY_ZERO} + CAST(submitted_day AS INTEGER) AS submitted_date,
            respondent_role, respondent_sex,
            true AS is_synthetic
        FROM frame
        """,
        [responses.form],
    )

    answers = responses.answers.reshape(-1)
    per_response = len(questions)
    answer_frame = pd.DataFrame({
        "code": _codes(requests, np.repeat(responses.request, per_response)),
        "activity_no": _labels(np.repeat(number, per_response), number_labels),
        "respondent_no": np.repeat(responses.respondent_no, per_response),
        "question_code": _labels(np.tile(np.arange(per_response), len(responses)), questions),
        "answer_label": _labels(answers, ANSWER_LABELS),
        "answer_score": ANSWER_SCORES[answers],
        "is_na": ANSWER_SCORES[answers] == NO_SCORE,
    })
    con.execute(
        """
        INSERT INTO survey_answer BY NAME
        SELECT
            ? AS form,
            code || '/' || activity_no || '/' || respondent_no AS response_id,
            question_code, answer_label,
            nullif(answer_score, -1) AS answer_score,
            is_na,
            true AS is_synthetic
        FROM answer_frame
        """,
        [responses.form],
    )


def insert_milestones(con: duckdb.DuckDBPyConnection, requests: RequestBatch, steps: np.ndarray) -> None:
    """One row per request and step reached, in the order the steps happen."""
    request, step = np.nonzero(steps != NOT_REACHED)
    frame = pd.DataFrame({
        "code": _codes(requests, request),
        "step": _labels(step, STEPS),
        "event_day": steps[request, step],
    })
    con.execute(
        f"""
        INSERT INTO milestone BY NAME
        SELECT code, step, {_DAY_ZERO} + CAST(event_day AS INTEGER) AS event_date, true AS is_synthetic
        FROM frame
        """
    )
