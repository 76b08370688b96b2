"""The Expert days page: its queries on the hand-built fixture (values worked out by hand), its consistency
with the requests' working days on the bundled data, and the page itself with AppTest."""

from __future__ import annotations

import pandas as pd
import pytest

from socieux.charts import chart
from socieux.filters import Filters
from socieux.kpis import compared_period, period_change
from socieux.queries import run_query
from socieux.store import Store, connect
from tests.conftest import draw_every_chart_of
from tests.expert_fixture import add_expert_data
from tests.test_pages import metrics, open_page

HOSTILE = "x' OR 1=1 --"


@pytest.fixture()
def con(fixture_con):
    add_expert_data(fixture_con)
    return fixture_con


@pytest.fixture()
def params(no_filter):
    return {**no_filter, "eligibilities": [], "nationalities": []}


def run(con, name, params, **extra):
    return run_query(con, name, {**params, **extra})


def by(df: pd.DataFrame, key: str, value: str) -> dict:
    return {k: float(v) for k, v in zip(df[key], df[value])}


def of(df: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """The rows of one dimension of a query answering several in one pass, in the query's order."""
    assert list(df["dimension"]) == sorted(df["dimension"])  # each dimension's rows together
    return df[df["dimension"] == dimension].reset_index(drop=True)


# Cards ----------------------------------------------------------------------------------------

def test_cards_sum_days_and_count_assignments_experts_nationalities(con, params):
    totals = run(con, "expert_kpi_totals", params).iloc[0]
    # 8 + 6 + 6 + 10 + 3.5 + 2 + 7 + 5 = 47.5 days on 8 assignments by E1-E4 of France, Spain, Senegal;
    # five activities have experts (2019-01/2 only costs).
    assert float(totals["expert_working_days"]) == 47.5
    assert (totals["assignments"], totals["experts_mobilised"], totals["nationalities"]) == (8, 4, 3)
    assert totals["activities"] == 5
    assert totals["synthetic_rows"] == 8


def test_cards_per_period_go_by_the_activity_start(con, params):
    by_period = run(con, "expert_kpi_by_period", params, periods=["RP1"]).set_index("period")
    # RP1: A1 8 + A2 6 + A4 10; RP2: A3 6 (2016-11 activity 2 started in Sep 2017) + A5 3.5 + A6 2;
    # RP3: A7 7 + A8 5. The period filter is ignored: the cards need every period.
    assert by_period["expert_working_days"].astype(float).to_dict() == {
        "SCX": 0, "RP1": 24, "RP2": 11.5, "RP3": 12, "RP4": 0, "RP5": 0, "RP6": 0, "RP7": 0}
    assert by_period.loc["RP2", ["assignments", "experts_mobilised", "nationalities"]].tolist() == [3, 3, 3]
    assert by_period.loc["RP3", ["assignments", "experts_mobilised", "nationalities"]].tolist() == [2, 2, 1]
    # Without a period filter the cards compare RP3 (latest with assignments) with RP2.
    period = compared_period(by_period.reset_index(), (), has_data="assignments")
    assert period == "RP3"
    change = period_change(by_period.reset_index(), period, "expert_working_days")
    assert (change.previous_period, change.change) == ("RP2", 0.5)
    assert period_change(by_period.reset_index(), period, "assignments").change == -1


def test_the_period_filter_counts_activities_in_the_period_they_started(con, params):
    totals = run(con, "expert_kpi_totals", params, periods=["RP2"]).iloc[0]
    assert (float(totals["expert_working_days"]), totals["assignments"]) == (11.5, 3)
    # The requests received in RP2 record only 5.5 days (2018-01): days follow the activity, not the request.
    assert float(run(con, "kpi_totals", params, periods=["RP2"]).iloc[0]["working_days"]) == 5.5


def test_slicers_narrow_to_an_eligibility_or_nationality(con, params):
    france = run(con, "expert_kpi_totals", params, nationalities=["France"]).iloc[0]
    # E1 8 + 6 + 7 and E3 10 + 5: 36 days on A1, A3, A4, A7, A8.
    assert (float(france["expert_working_days"]), france["assignments"], france["experts_mobilised"]) == (36, 5, 2)
    assert france["nationalities"] == 1
    partner_countries = run(con, "expert_kpi_totals", params, eligibilities=["PC"]).iloc[0]
    assert float(partner_countries["expert_working_days"]) == 2
    for slicer in ("eligibilities", "nationalities"):
        assert run(con, "expert_kpi_totals", params, **{slicer: [HOSTILE]}).iloc[0]["assignments"] == 0


@pytest.mark.parametrize("selection", [
    {}, {"regions": ["Africa"]}, {"regions": ["Asia"]}, {"areas": ["Labour & Employment"]},
    {"stages": ["Closed"]}, {"countries": ["Aland"]}, {"income_groups": ["Upper-middle income"]},
])
def test_days_equal_the_requests_days_for_the_same_filters(con, params, selection):
    expert_days = run(con, "expert_kpi_totals", params, **selection).iloc[0]["expert_working_days"]
    request_days = run(con, "kpi_totals", params, **selection).iloc[0]["working_days"]
    assert float(expert_days) == float(request_days)


# Breakdowns -----------------------------------------------------------------------------------

def test_days_by_request_dimension(con, params):
    # Aland (Africa): A1-A6 = 35.5; Bland (Asia): A7 + A8 = 12.
    country = run(con, "expert_days_by_country", params)
    assert by(country, "country", "working_days") == {"Aland": 35.5, "Bland": 12}
    assert country.iloc[0]["iso3"] == "AAA"
    dimensions = run(con, "expert_days_by_dimensions", params)
    assert set(dimensions["dimension"]) == {"area", "region", "income_group", "gender", "eligibility"}
    assert by(of(dimensions, "region"), "category", "working_days") == {"Africa": 35.5, "Asia": 12}
    # Social Protection: 2016-11 only (20); Labour & Employment: 2016-12, 2018-01, 2019-01 (27.5).
    area = of(dimensions, "area")
    assert list(area["category"]) == ["Social Protection", "Labour & Employment"]   # the facility's order
    assert by(area, "category", "working_days") == {"Social Protection": 20, "Labour & Employment": 27.5}
    period = run(con, "expert_days_by_period", params)
    assert by(period[period["period"] == "RP2"], "area_of_work", "working_days") == {
        "Social Protection": 6, "Labour & Employment": 5.5}


def test_days_by_expert_profile(con, params):
    dimensions = run(con, "expert_days_by_dimensions", params)
    gender = of(dimensions, "gender")
    # Men: E1 21 + E4 2; women: E2 9.5 + E3 15.
    assert by(gender, "category", "working_days") == {"Men": 23, "Women": 24.5}
    assert by(gender, "category", "experts") == {"Men": 2, "Women": 2}
    assert by(of(dimensions, "eligibility"), "category", "working_days") == {"EU": 45.5, "PC": 2}
    assert [float(share) for share in of(dimensions, "eligibility")["share"]] == [45.5 / 47.5, 2 / 47.5]
    types = run(con, "expert_days_by_type", params)
    assert list(zip(types["main_type"], types["type"], types["working_days"].astype(float))) == [
        ("Public", "Civil Servant", 30.5), ("Public", "Public employee", 2), ("Private", "Freelance", 15)]
    nationality = run(con, "expert_days_by_nationality", params)
    assert list(zip(nationality["nationality"], nationality["working_days"].astype(float))) == [
        ("France", 36), ("Spain", 9.5), ("Senegal", 2)]


def test_nationalities_beyond_the_top_ten_are_grouped_as_other(con, params):
    # Twelve more nationalities, one half day each on 2019-01/1: France, Spain, Senegal and seven of
    # them (alphabetical among equals) make the top ten; five half days go to Other.
    for i in range(12):
        con.execute("INSERT INTO expert_assignment (assignment_id, code, activity_no, expert_id, working_days, "
                    "nationality) VALUES (?, '2019-01', '1', ?, 0.5, ?)", [f"Z{i}", f"Z{i}", f"Country {i:02d}"])
    nationality = run(con, "expert_days_by_nationality", params)
    assert len(nationality) == 11 and nationality.iloc[-1]["nationality"] == "Other"
    assert nationality.iloc[6]["nationality"] == "Country 03"
    assert float(nationality.iloc[-1]["working_days"]) == 2.5
    assert nationality.iloc[-1]["nationalities"] == 5
    assert float(nationality["working_days"].sum()) == 47.5 + 6


def test_medians_per_activity_and_per_expert_mission(con, params):
    medians = run(con, "expert_median_days_by_period", params)
    value = {(p, m): float(v) for p, m, v in zip(medians["period"], medians["measure"], medians["median_days"])}
    # Activities: 2016-11/1 14, 2016-12/0 10 (RP1); 2016-11/2 6, 2018-01/1 5.5 (RP2); 2019-01/1 12 (RP3).
    assert value[("RP1", "Per activity")] == 12
    assert value[("RP2", "Per activity")] == 5.75
    assert value[("RP3", "Per activity")] == 12
    assert value[("All periods in view", "Per activity")] == 10          # 5.5 6 [10] 12 14
    # Assignments: RP1 8 6 10; RP2 6 3.5 2; RP3 7 5; all: 2 3.5 5 6 6 7 8 10.
    assert value[("RP1", "Per expert mission")] == 8
    assert value[("RP2", "Per expert mission")] == 3.5
    assert value[("RP3", "Per expert mission")] == 6
    assert value[("All periods in view", "Per expert mission")] == 6
    assert medians.iloc[-1]["period"] == "All periods in view"


def test_medians_per_activity_with_a_slicer_sum_only_the_assignments_in_view(con, params):
    """Without a slicer an activity's stored days are used; a nationality slicer sums its assignments in view."""
    medians = run(con, "expert_median_days_by_period", params, nationalities=["France"])
    value = {(p, m): float(v) for p, m, v in zip(medians["period"], medians["measure"], medians["median_days"])}
    # French experts E1, E3: 2016-11/1 8 (A1) and 2016-12/0 10 (A4) in RP1, not 14 and 10; 2016-11/2 6 (A3) in
    # RP2; 2019-01/1 7 + 5 = 12 (A7, A8) in RP3.
    assert value[("RP1", "Per activity")] == 9
    assert value[("RP2", "Per activity")] == 6
    assert value[("RP3", "Per activity")] == 12
    assert value[("All periods in view", "Per activity")] == 9           # 6 8 10 12
    assert value[("RP1", "Per expert mission")] == 9                     # 8 10


def test_expenditure_per_working_day_is_a_ratio_of_sums(con, params):
    by_dimension = run(con, "expert_expenditure_per_day_by_dimensions", params)
    by_period = of(by_dimension, "period").set_index("category")
    # RP1: A1 400 + 8/14 of 280 + 8/20 of 120 = 608, A2 6/14 of 280 + 6/20 of 120 = 156; A4's 10 days
    # (2016-12, expenditure unknown) stay out of the denominator: 764 / 14.
    assert float(by_period.loc["RP1", "expenditure_eur"]) == 764
    assert (float(by_period.loc["RP1", "costed_working_days"]), float(by_period.loc["RP1", "working_days"])) == (14, 24)
    assert by_period.loc["RP1", "expenditure_per_day"] == pytest.approx(764 / 14)
    # RP2: A3 200 + 6/20 of 120 = 236, and 2018-01's 300.50 over 6 + 5.5 days.
    assert by_period.loc["RP2", "expenditure_per_day"] == pytest.approx(536.5 / 11.5)
    # RP3: 700 + 1100 over 12 days; the 200 of the event without expert days is left out.
    assert by_period.loc["RP3", "expenditure_per_day"] == pytest.approx(1800 / 12)
    by_region = of(by_dimension, "region").set_index("category")
    assert by_region.loc["Africa", "expenditure_per_day"] == pytest.approx(1300.5 / 25.5)
    assert by_region.loc["Asia", "expenditure_per_day"] == pytest.approx(150)


def test_expenditure_slices_add_up_through_the_pro_rata_share(con, params):
    france = of(run(con, "expert_expenditure_per_day_by_dimensions", params, nationalities=["France"]), "region")
    # A1 608 + A3 236 + A7 700 + 7/12 of 1100 + A8 5/12 of 1100 over 8 + 6 + 7 + 5 days (A4 uncosted).
    assert float(france["expenditure_eur"].sum()) == pytest.approx(2644, abs=0.01)
    assert float(france["costed_working_days"].sum()) == 26
    other = of(run(con, "expert_expenditure_per_day_by_dimensions", params, nationalities=["Spain", "Senegal"]),
               "region")
    assert float(france["expenditure_eur"].sum() + other["expenditure_eur"].sum()) == pytest.approx(3100.5, abs=0.01)


def test_every_chart_of_the_page_draws_the_fixture_and_is_marked_synthetic(con, params):
    runner = draw_every_chart_of(con, "Expert days", charts=13)
    fig = chart("expert-days-region").figure(chart("expert-days-region").data(runner, Filters()))
    assert list(fig.data[0].x) == [35.5, 12]


@pytest.mark.parametrize("chart_id, categories", [
    ("expert-days-area", ["Social Protection", "Labour & Employment"]), ("expert-days-region", ["Africa", "Asia"]),
    ("expert-days-gender", ["Women", "Men"]), ("expert-days-eligibility", ["EU", "PC"]),
])
def test_a_chart_sharing_a_query_draws_only_its_own_dimensions_rows(con, params, chart_id, categories):
    """The five breakdowns come from one query; each chart's data (and so its downloads) holds its own rows."""
    df = chart(chart_id).data(lambda name, filters, **extra: run(con, name, params, **extra), Filters())
    assert "dimension" not in df.columns
    assert sorted(df["category"]) == sorted(categories)
    assert float(df["share"].sum()) == pytest.approx(1)


def test_each_expenditure_chart_draws_its_own_dimensions_rows(con, params):
    def data(chart_id):
        return chart(chart_id).data(lambda name, filters, **extra: run(con, name, params, **extra), Filters())

    assert list(data("expert-expenditure-per-day-period")["category"]) == ["RP1", "RP2", "RP3"]
    assert list(data("expert-expenditure-per-day-region")["category"]) == ["Africa", "Asia"]


# The bundled data -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled_con(bundled_store_dir):
    con = connect(Store(bundled_store_dir).current())
    yield con
    con.close()


@pytest.mark.parametrize("selection", [
    {}, {"regions": ["Africa"]}, {"areas": ["Labour & Employment"]}, {"stages": ["Closed"]},
    {"countries": ["Peru"]}, {"income_groups": ["Low income"]}, {"regions": ["Asia"], "areas": ["Social Protection"]},
])
def test_bundled_expert_days_equal_the_requests_days(bundled_con, no_filter, selection):
    params = {**no_filter, "eligibilities": [], "nationalities": [], **selection}
    expert_days = run_query(bundled_con, "expert_kpi_totals", params).iloc[0]["expert_working_days"]
    request_days = run_query(bundled_con, "kpi_totals", params).iloc[0]["working_days"]
    assert float(expert_days) == float(request_days) > 0


def _request_days(bundled_store_dir, **selection) -> str:
    con = connect(Store(bundled_store_dir).current())
    try:
        days = float(run_query(con, "kpi_totals", {**Filters().params(), **selection}).iloc[0]["working_days"])
    finally:
        con.close()
    return f"{days:,.1f}".removesuffix(".0")


def test_page_shows_the_requests_days_and_the_synthetic_banner(app_env):
    at = open_page("pages/expert_days.py")
    cards = metrics(at)
    assert cards["Expert working days"] == _request_days(app_env) == "6,315"
    assert {"Assignments", "Experts mobilised", "Nationalities"} <= cards.keys()
    assert any("Synthetic demo data" in w.value for w in at.warning)
    assert len(at.get("plotly_chart")) == 13


def test_page_filters_from_the_url_change_the_numbers(app_env):
    everything = metrics(open_page("pages/expert_days.py"))
    africa = metrics(open_page("pages/expert_days.py", region="Africa"))
    assert africa["Expert working days"] == _request_days(app_env, regions=["Africa"])
    assert africa["Expert working days"] != everything["Expert working days"]
    french = metrics(open_page("pages/expert_days.py", nationality="France"))
    assert french["Nationalities"] == "1"
    assert french["Assignments"] != everything["Assignments"]


def test_page_explains_an_empty_selection(app_env):
    at = open_page("pages/expert_days.py", region="Pacific", period="RP1")
    assert not at.metric
    assert any("No requests match" in i.value for i in at.info)
    at = open_page("pages/expert_days.py", nationality=HOSTILE)
    assert not at.metric
    assert any("no expert assignment" in i.value for i in at.info)
    assert any("Not in the data" in w.value for w in at.warning)
