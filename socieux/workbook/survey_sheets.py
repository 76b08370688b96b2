"""The feedback forms (PIF, EXF, PAF): one response per row, its closed questions' answers."""

from __future__ import annotations

import csv
from functools import lru_cache

import pandas as pd

from socieux.workbook import rules
from socieux.workbook.columns import (
    FIX_DATE, GENDERS, _choice, _cited_codes, _flag, _frame, _parsed, _required, _text, _unique_ids,
)
from socieux.workbook.model import ERROR
from socieux.workbook.reference import REFERENCE_DIR, fold
from socieux.workbook.sheet_data import Context, SheetData

SURVEY_ANSWER_ALIASES_CSV = REFERENCE_DIR / "survey_answer_aliases.csv"


@lru_cache(maxsize=2)
def survey_answers() -> dict[str, tuple[str, int | None, str]]:
    """fold(label) -> (label, score, kind) from data/reference/survey_answer_aliases.csv."""
    with SURVEY_ANSWER_ALIASES_CSV.open(newline="", encoding="utf-8") as handle:
        return {fold(row["alias"]): (row["label"], int(row["score"]) if row["score"] else None, row["kind"])
                for row in csv.DictReader(handle)}


SCALE_KINDS = {"L5": {"L5"}, "A5": {"A5", "L5"}, "A5+NR": {"A5", "L5", "NR"}, "A5+NA": {"A5", "L5", "NA"},
               "YN": {"YN"}}
A5_LABELS = {5: "Completely agree", 4: "Partially agree", 3: "Do not agree nor disagree", 2: "Partially disagree",
             1: "Completely disagree"}


def check_survey(data: SheetData, ctx: Context) -> None:
    """A feedback form: a response id once each, its request and activity, closed answers on the question's scale."""
    form = data.spec.name.upper()
    if not _required(data, ctx):
        return
    response_id = _unique_ids(data, ctx, "response_id", "response id")
    code = _cited_codes(data, ctx)
    activity_cells = data.text("activity_no")
    number, why = rules.activity_number(activity_cells)
    several = why != None  # noqa: E711
    first = activity_cells.str.extract(r"(\d+(?:\.\d+)?)", expand=False)
    if form == "PIF":
        _flag(data, ctx, "activity_no", several & first.notna().to_numpy(),
              "Several activities named; the first is kept as the activity, the text is not stored.",
              "Nothing to do if this is right.")
        number = number.where(~several, first)
    else:
        ctx.log.add_reasons(ERROR, data.name, data.rows, data.header("activity_no"), activity_cells, why,
                            "Write the activity number, e.g. 3.1.")
    sex = data.text("respondent_sex")
    if data.has("respondent_sex"):
        sex = _choice(data, ctx, "respondent_sex", GENDERS, "sex")
    ctx.tables["survey_response"] = pd.concat([ctx.tables.get("survey_response"), _frame({
        "form": form, "response_id": response_id, "code": code, "activity_no": number,
        "submitted_date": _parsed(data, ctx, "submitted_date", rules.parse_date, FIX_DATE),
        "respondent_role": _text(data, ctx, "respondent_role"), "respondent_sex": sex, "is_synthetic": False,
    }, len(data.rows))], ignore_index=True)

    scales = ctx.reference.survey_questions.get(form, {})
    aliases = survey_answers()
    answers = []
    for question, (header, cells) in data.questions.items():
        if question not in scales:
            if cells.notna().any():
                ctx.log.warning(data.name, data.header_row, header, None,
                                f"{question} is not a closed question of the {form}: the column was not imported "
                                "(open answers may name people).", "Nothing to do; remove the column to silence this.")
            continue
        allowed = SCALE_KINDS.get(scales[question], {"A5", "L5", "NR", "NA", "YN"})
        distinct = cells.dropna().unique()
        mapping = {value: aliases.get(fold(value)) for value in distinct}
        if form == "PAF":
            _paf_column_two(data, ctx, header, mapping)
        bad = {value for value, found in mapping.items() if found is None or found[2] not in allowed}
        present = cells.notna().to_numpy()
        mask = present & cells.isin(bad).to_numpy()
        ctx.log.add_cells(ERROR, data.name, data.rows, header, cells, mask,
                          f"Answer not recognised for {question} (scale {scales[question]}).",
                          "Use the answer labels of the form (EN, FR or ES), e.g. Completely agree, Partially agree, "
                          "Not relevant, Yes, No, or a score 1-5; new spellings go in survey_answer_aliases.csv.")
        good = present & ~mask
        if not good.any():
            continue
        found = cells[good].map(mapping)
        label = found.map(lambda f: A5_LABELS[f[1]] if f[2] == "L5" and scales[question] != "L5" else f[0])
        score = found.map(lambda f: f[1])
        answers.append(pd.DataFrame({
            "form": form, "response_id": response_id[good].to_numpy(), "question_code": question,
            "answer_label": label.to_numpy(), "answer_score": pd.array(score.to_numpy(), dtype="Int64"),
            "is_na": score.isna().to_numpy(), "is_synthetic": False,
        }))
    if answers:
        ctx.tables["survey_answer"] = pd.concat([ctx.tables.get("survey_answer"), *answers], ignore_index=True)


def _paf_column_two(data: SheetData, ctx: Context, header: str, mapping: dict) -> None:
    """The PAF prints 'Partially disagree' over its second column, which means Partially agree (docs/definitions.md):
    a column answered in the printed words, never with 'Partially agree', is read that way, with a warning."""
    labels = {value: found[0] for value, found in mapping.items() if found}
    if "Partially disagree" not in labels.values() or "Partially agree" in labels.values():
        return
    for value, label in labels.items():
        if label == "Partially disagree" and not value.strip().isdigit():
            mapping[value] = ("Partially agree", 4, mapping[value][2])
    ctx.log.warning(data.name, data.header_row, header, "Partially disagree",
                    "PAF: 'Partially disagree' read as Partially agree (the form prints that header over its second "
                    "column, which means Partially agree).",
                    "If a participant ticked the fourth column, write the score 2 instead.")
