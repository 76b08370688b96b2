"""The Feedback page: its queries and figures on the hand-built fixture (values worked out by hand), and
the page itself with AppTest on the bundled data."""

from __future__ import annotations

import pytest

from socieux.charts import chart, charts_of
from socieux.figures import CATEGORY_COLOURS
from socieux.filters import Filters
from socieux.queries import run_query
from socieux.store import Store, connect
from tests.chart_clicks import is_clickable
from tests.conftest import draw_every_chart_of
from tests.expert_fixture import add_expert_data
from tests.test_pages import metrics, open_page


@pytest.fixture()
def con(fixture_con):
    add_expert_data(fixture_con)
    return fixture_con


def run(con, no_filter, name, **extra):
    return run_query(con, name, {**no_filter, **extra})


def test_pif_mean_score_per_question_with_the_number_of_answers(con, no_filter):
    pif = run(con, no_filter, "survey_pif_scores").set_index("question_code")
    # Q.01: 5, 3, 4; Q.04: 4, 4, 5; Q.06: 5, blank, 4 (the blank does not count).
    assert pif.loc["Q.01", "mean_score"] == pytest.approx(4)
    assert pif.loc["Q.04", "mean_score"] == pytest.approx(13 / 3)
    assert (pif.loc["Q.06", "mean_score"], pif.loc["Q.06", "answers"]) == (pytest.approx(4.5), 2)
    assert pif.loc["Q.01", "answers"] == 3
    # Q.13: Yes, Yes, Yes; Q.14: Yes, No, Yes.
    assert pif.loc["Q.13", "share_yes"] == pytest.approx(1)
    assert pif.loc["Q.14", "share_yes"] == pytest.approx(2 / 3)
    assert pif.loc["Q.13"].isna()["mean_score"] and pif.loc["Q.01"].isna()["share_yes"]
    assert "relevant to the needs of your Institution" in pif.loc["Q.01", "wording"]


def test_pif_responses_follow_their_activity_else_their_submission_date(con, no_filter):
    # P1 and P2 (activities "1" and "1-2" of 2016-11, started Nov 2016) are RP1; P3 names no activity
    # and was submitted in Sep 2019: RP4.
    rp1 = run(con, no_filter, "survey_pif_scores", periods=["RP1"]).set_index("question_code")
    assert (rp1.loc["Q.01", "answers"], rp1.loc["Q.01", "mean_score"]) == (2, pytest.approx(4))
    rp4 = run(con, no_filter, "survey_pif_scores", periods=["RP4"]).set_index("question_code")
    assert (rp4.loc["Q.01", "answers"], rp4.loc["Q.01", "mean_score"]) == (1, pytest.approx(4))
    # Region of the request: P3 is Bland's (Asia).
    asia = run(con, no_filter, "survey_pif_scores", regions=["Asia"]).set_index("question_code")
    assert asia.loc["Q.05", "mean_score"] == pytest.approx(3)


def test_positive_share_leaves_out_not_relevant_not_applicable_and_blanks(con, no_filter):
    exf = run(con, no_filter, "survey_agreement", form="EXF", level="question").set_index("item")
    gender = exf.loc["Q.08 Gender equality"]
    # 5, 4, 3, 2, 1 answered; two Not relevant left out: 2 positive of 5, the neutral answer counted.
    assert (gender["answered"], gender["positive"], gender["not_relevant"]) == (5, 2, 2)
    assert gender["share_positive"] == pytest.approx(0.4)
    assert [gender[c] for c in ("completely_disagree", "partially_disagree", "neutral", "partially_agree",
                                "completely_agree")] == [1, 1, 1, 1, 1]
    governance = exf.loc["Q.09 Good governance"]
    assert (governance["answered"], governance["share_positive"], governance["not_relevant"]) == (2, 1.0, 1)
    # Q.25: Not applicable, Partially agree, blank -> 1 of 1.
    q25 = exf.loc["Q.25 Home institution active in cooperation"]
    assert (q25["answered"], q25["positive"], q25["not_applicable"], q25["blank"]) == (1, 1, 1, 1)
    # A question nobody answered still has its row (and no share).
    assert exf.loc["Q.10 Environmental sustainability", "answered"] == 0


def test_positive_share_per_domain_and_overall(con, no_filter):
    domains = run(con, no_filter, "survey_agreement", form="EXF", level="domain").set_index("item")
    cross_cutting = domains.loc["Cross-cutting issues"]
    # Q.08 2 of 5 and Q.09 2 of 2: 4 of 7; three Not relevant apart.
    assert (cross_cutting["positive"], cross_cutting["answered"], cross_cutting["not_relevant"]) == (4, 7, 3)
    assert cross_cutting["share_positive"] == pytest.approx(4 / 7)
    assert "Q.08 Gender equality" in cross_cutting["wording"]
    overview = run(con, no_filter, "survey_overview").set_index("form")
    # EXF: (2 + 2 + 1) / (5 + 2 + 1); PAF: 5 and 4 -> 2 of 2; PIF: mean of 4, 13/3, 4, 4.5, 4.
    assert overview.loc["EXF", "share_positive"] == pytest.approx(5 / 8)
    assert overview.loc["PAF", "share_positive"] == pytest.approx(1)
    assert overview.loc["PIF", "mean_score"] == pytest.approx((4 + 13 / 3 + 4 + 4.5 + 4) / 5)
    assert overview["responses"].to_dict() == {"PIF": 3, "EXF": 7, "PAF": 2}
    assert overview["synthetic_responses"].to_dict() == {"PIF": 3, "EXF": 7, "PAF": 2}


def test_global_filters_select_the_responses(con, no_filter):
    # Asia = 2019-01: X6 (Completely disagree) and X7 (Not relevant) on Q.08.
    asia = run(con, no_filter, "survey_agreement", form="EXF", level="question", regions=["Asia"]).set_index("item")
    assert (asia.loc["Q.08 Gender equality", "answered"], asia.loc["Q.08 Gender equality", "share_positive"]) == (1, 0)
    closed = run(con, no_filter, "survey_overview", stages=["Request"]).set_index("form")
    assert closed["responses"].sum() == 0


def test_diverging_bars_split_the_neutral_answer_and_keep_left_out_answers_apart(con, no_filter):
    df = run(con, no_filter, "survey_agreement", form="EXF", level="question")
    fig = chart("survey-exf-questions").figure(df)
    bars = [t for t in fig.data if t.type == "bar" and t.xaxis == "x"]
    by_name = {}
    for trace in bars:
        by_name.setdefault(trace.name, []).append(trace)
    row = list(df["item"]).index("Q.08 Gender equality")
    neutral_halves = sorted(t.x[row] for t in by_name["Do not agree nor disagree"])
    assert neutral_halves == [pytest.approx(-0.1), pytest.approx(0.1)]   # 1 of 5, split across zero
    assert by_name["Completely disagree"][0].x[row] == pytest.approx(-0.2)   # disagree to the left
    assert by_name["Completely agree"][0].x[row] == pytest.approx(0.2)
    assert by_name["Completely agree"][0].marker.color == CATEGORY_COLOURS["Completely agree"]
    side = {t.name: t for t in fig.data if t.type == "bar" and t.xaxis == "x2"}
    assert side["Not relevant (left out)"].x[row] == 2
    # The full wording is on hover; a figure on fewer than 5 answers carries a visible warning.
    assert "was considered at some point" in by_name["Completely agree"][0].hovertext[row]
    # 1 of the 5 answers on the scale: "1 answer", one in five
    assert "Completely agree: 1 answer of 5<br>20.0% of the answers on the scale" in by_name["Completely agree"][0].hovertext[row]
    labels = list(by_name["Completely agree"][0].y)
    assert labels[row] == "Q.08 Gender equality"                       # 5 answers: no warning
    assert labels[row + 1] == "⚠ Q.09 Good governance"                 # 2 answers
    # each item's share positive and answers stand under its name
    names = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext))
    assert names["Q.08 Gender equality"].endswith("40% positive · n = 5</span>")
    assert names["⚠ Q.09 Good governance"].endswith("100% positive · ⚠ only 2 answers</span>")


def test_pif_figures_warn_below_five_answers(con, no_filter):
    df = run(con, no_filter, "survey_pif_scores")
    scores = chart("survey-pif-scores").figure(df).data[0]
    assert list(scores.y)[0] == "⚠ Q.01 Relevance to the institution's needs"
    assert scores.text[0] == "4.00 · ⚠ only 3 answers"
    yes = chart("survey-pif-yes").figure(df).data[0]
    assert list(yes.y) == ["⚠ Q.13 Future collaboration with SOCIEUX+", "⚠ Q.14 Would recommend SOCIEUX+ to peers"]


def test_every_chart_of_the_page_draws_and_is_marked_synthetic(con):
    runner = draw_every_chart_of(con, "Feedback", charts=6)
    # PAF has no Not relevant / Not applicable question: no side panel.
    paf = chart("survey-paf-questions")
    assert not any(t.xaxis == "x2" for t in paf.figure(paf.data(runner, Filters())).data)


# The page on the bundled data -----------------------------------------------------------------

def test_page_renders_with_the_synthetic_banner_and_the_overall_results(app_env):
    at = open_page("pages/feedback.py")
    cards = metrics(at)
    assert cards["Partner institutions: mean score"].endswith("of 5")
    assert cards["Experts: positive answers"].endswith("%")
    assert any("Synthetic demo data" in w.value for w in at.warning)
    # PIF's two charts, then the open tab of EXF and of PAF: by domain, the charts per question not drawn
    assert [c.key for c in at.get("plotly_chart")] == [
        "survey-pif-scores", "survey-pif-yes", "survey-exf-domains", "survey-paf-domains"]
    assert any("Not relevant, Not applicable and blank answers are left out" in c.value for c in at.caption)


def test_a_link_naming_the_tab_per_question_opens_it(app_env):
    at = open_page("pages/feedback.py", exf_view="Per question")
    assert [c.key for c in at.get("plotly_chart")] == [
        "survey-pif-scores", "survey-pif-yes", "survey-exf-questions", "survey-paf-domains"]


def test_no_chart_of_the_page_pretends_to_filter_on_click(app_env):
    # Their bars are questions and domains of the forms: none is a filter of the sidebar.
    at = open_page("pages/feedback.py")
    assert not any(is_clickable(at, c.key) for c in at.get("plotly_chart"))
    assert all(spec.click_filters(**spec.options) == {} for spec in charts_of("Feedback"))
    assert any("do not filter on click" in c.value for c in at.caption)


def _country_with_one_pif_response(store_dir) -> str:
    con = connect(Store(store_dir).current())
    try:
        return con.cursor().execute(
            "SELECT min(r.country) FROM survey_response s JOIN request_action r USING (code) "
            "WHERE s.form = 'PIF' GROUP BY r.country HAVING count(*) = 1 ORDER BY 1 LIMIT 1"
        ).fetchone()[0]
    finally:
        con.close()


def test_page_filters_from_the_url_change_the_numbers(app_env):
    everything = open_page("pages/feedback.py")
    country = _country_with_one_pif_response(app_env)
    narrowed = open_page("pages/feedback.py", country=country)
    assert [c.value for c in everything.caption if "PIF respons" in c.value] != ["1 PIF response"]
    assert [c.value for c in narrowed.caption if "PIF respons" in c.value] == ["1 PIF response"]
    # One response: the page says which figures rest on fewer than five answers.
    assert any("Fewer than 5 answers" in w.value and "Q\\.01" in w.value for w in narrowed.warning)


def test_page_explains_an_empty_selection(app_env):
    at = open_page("pages/feedback.py", region="Pacific", period="RP1")
    assert not at.metric
    assert any("No requests match" in i.value for i in at.info)
    # Requests still at the request stage have no feedback yet.
    at = open_page("pages/feedback.py", stage="Request")
    assert not at.metric
    assert any("No feedback response" in i.value for i in at.info)
