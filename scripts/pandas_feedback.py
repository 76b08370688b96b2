"""The Feedback page in pandas (scripts/pandas_pages.py): the queries of queries/feedback."""

from __future__ import annotations

import pandas as pd
from pandas_pages import REQUEST_FRAMES, Frames, Params, in_period, kpi_totals, requests_in_view

FRAMES = {
    **REQUEST_FRAMES,
    "responses": "SELECT form, response_id, code, rp, is_synthetic FROM v_survey_response",
    "answers": """SELECT form, response_id, code, rp, question_code, scale, answer_label, answer_score::DOUBLE AS answer_score,
                         on_agree_scale, positive FROM v_survey_answer""",
    "questions": "SELECT form, question_code, short_label, wording, domain, scale, sort_order FROM survey_question",
}


def _answers_in_view(frames: Frames, params: Params, form: str | None = None) -> pd.DataFrame:
    """``filtered_answers``: the answers of the responses of a request in view, in a chosen period."""
    answers = frames["answers"]
    mask = in_period(answers, params)
    mask = mask & answers["code"].isin(requests_in_view(frames, params, with_period=False)["code"]).to_numpy()
    if form is not None:
        mask = mask & (answers["form"] == form).to_numpy()
    return answers[mask]


def survey_agreement(frames: Frames, params: Params) -> pd.DataFrame:
    form, level = params["form"], params["level"]
    questions = frames["questions"]
    questions = questions[(questions["form"] == form) & questions["scale"].str.startswith("A5")]
    answers = _answers_in_view(frames, params, form)[["question_code", "response_id", "answer_label", "answer_score"]]
    rows = questions.merge(answers, on="question_code", how="left")
    rows["item_question"] = rows["question_code"] + " " + rows["short_label"]
    rows["item"] = rows["domain"] if level == "domain" else rows["item_question"]
    score, label = rows["answer_score"], rows["answer_label"]
    not_scored = score.isna()
    rows = rows.assign(
        completely_disagree=score.eq(1), partially_disagree=score.eq(2), neutral=score.eq(3),
        partially_agree=score.eq(4), completely_agree=score.eq(5),
        not_relevant=not_scored & label.eq("Not relevant"), not_applicable=not_scored & label.eq("Not applicable"),
        blank=rows["response_id"].notna() & not_scored & ~label.isin(["Not relevant", "Not applicable"]),
        positive=score.ge(4))
    grouped = rows.groupby("item", sort=False)
    counts = ["completely_disagree", "partially_disagree", "neutral", "partially_agree", "completely_agree",
              "not_relevant", "not_applicable", "blank"]
    result = grouped[counts].sum()
    result.insert(0, "sort_order", grouped["sort_order"].min())
    if level == "domain":
        wording = grouped["item_question"].agg(lambda items: "; ".join(sorted(set(items))))
    else:
        wording = grouped["wording"].min()
    result.insert(0, "wording", wording)
    result["answered"] = grouped["answer_score"].count()
    result["positive"] = grouped["positive"].sum()
    result["share_positive"] = result["positive"] / result["answered"].where(result["answered"] > 0)
    result["responses"] = grouped["response_id"].nunique()
    return result.reset_index().sort_values("sort_order", kind="stable")


def survey_overview(frames: Frames, params: Params) -> pd.DataFrame:
    responses = frames["responses"]
    mask = in_period(responses, params)
    mask = mask & responses["code"].isin(requests_in_view(frames, params, with_period=False)["code"]).to_numpy()
    in_scope = responses[mask]
    answers = _answers_in_view(frames, params)  # the answers of exactly those responses (they carry code and rp)
    pif = answers[(answers["form"] == "PIF") & (answers["scale"] == "L5")]
    pif_mean = pif.groupby("question_code", observed=True)["answer_score"].mean().mean()
    counted = in_scope.groupby("form", observed=True).agg(responses=("response_id", "size"),
                                                          synthetic_responses=("is_synthetic", "sum"))
    agree = answers[answers["on_agree_scale"]]
    shares = agree.groupby("form", observed=True).agg(positive=("positive", "sum"), answered=("answer_score", "count"))
    rows = []
    for form in ("PIF", "EXF", "PAF"):
        answered = int(shares["answered"].get(form, 0))
        rows.append({
            "form": form,
            "responses": int(counted["responses"].get(form, 0)),
            "synthetic_responses": int(counted["synthetic_responses"].get(form, 0)),
            "mean_score": pif_mean if form == "PIF" else None,
            "share_positive": (shares["positive"].get(form, 0) / answered if answered else None) if form != "PIF" else None,
            "answered": answered if form != "PIF" else None,
        })
    return pd.DataFrame(rows)


def survey_pif_scores(frames: Frames, params: Params) -> pd.DataFrame:
    questions = frames["questions"]
    questions = questions[questions["form"] == "PIF"]
    answers = _answers_in_view(frames, params, "PIF")[["question_code", "answer_score"]]
    rows = questions.merge(answers, on="question_code", how="left")
    keys = ["question_code", "short_label", "wording", "scale", "sort_order"]
    result = rows.groupby(keys, observed=True, dropna=False)["answer_score"].agg(answers="count", mean="mean").reset_index()
    result["mean_score"] = result["mean"].where(result["scale"] == "L5")
    result["share_yes"] = result["mean"].where(result["scale"] == "YN")
    return result.drop(columns="mean").sort_values("sort_order", kind="stable")


REFERENCE = {"questions"}
QUERIES = {"kpi_totals": kpi_totals, "survey_agreement": survey_agreement, "survey_overview": survey_overview,
           "survey_pif_scores": survey_pif_scores}
