"""Fields of intervention, types of assistance, SDGs, calls for experts and click-to-filter: hand-worked counts on
the small fixture, the report's Tables 6 and 7 on the bundled data, and the pages."""

from __future__ import annotations

import duckdb
import pytest

from socieux.charts import chart
from socieux.queries import run_query
from socieux.store import Store, connect
from socieux.ui.layout import clicked_filters
from tests.conftest import build_fixture_database
from tests.test_pages import metrics, open_page

# The conftest requests, classified by hand: 2016-11 has two fields (E.10.04 below E.10, and N.15); 2017-01 one
# category only (E.00); 2016-12 a field of another category (A.20.10); the other seven have none.
FIELDS = [("2016-11", "E.10.04"), ("2016-11", "N.15"), ("2017-01", "E.00"), ("2016-12", "A.20.10")]
TAXONOMY = [
    ("A.00", "Work", None, 1), ("A.20", "Employment", "A.00", 2), ("A.20.10", "Youth Employment", "A.20", 3),
    ("E.00", "Social Protection", None, 1), ("E.10", "Social Security", "E.00", 2),
    ("E.10.04", "Health Insurance", "E.10", 3), ("N.00", "Government And Public Administration", None, 1),
    ("N.15", "Social Security Administration", "N.00", 2),
]
TYPES = [("A.00", "Capacity building", None, 1), ("A.02", "Institutional capacity building", "A.00", 2),
         ("A.02.02", "Policy development", "A.02", 3), ("A.03", "Organisational capacity building", "A.00", 2)]
# 2016-11 policy development (published), 2018-01 organisational (synthetic), 2017-20 Fractionated (left out of the
# breakdown), 2018-30 Merged (counted).
REQUEST_TYPES = [("2016-11", "A.02.02", "report", False), ("2018-01", "A.03", "synthetic", True),
                 ("2017-20", "A.02.02", "report", False), ("2018-30", "A.02", "report", False)]
# Calls: two in RP3 for 2019-01 (3 and 1 applications), one in RP4 for 2016-11 (2 applications).
CALLS = [("C1", "2019-01", "2019-02-01"), ("C2", "2019-01", "2019-03-01"), ("C3", "2016-11", "2019-10-01")]
APPLICATIONS = [("C1", "E1", True), ("C1", "E2", False), ("C1", "E3", False), ("C2", "E1", True),
                ("C3", "E2", True), ("C3", "E3", False)]


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect(":memory:")
    build_fixture_database(con)
    con.executemany("INSERT INTO field_of_intervention VALUES (?, ?, ?, ?, left(?, 1) || '.00', NULL)",
                    [(c, lbl, p, lvl, c) for c, lbl, p, lvl in TAXONOMY])
    con.executemany("INSERT INTO request_field VALUES (?, ?, ?, 'report', false)", [(c, f, f) for c, f in FIELDS])
    con.executemany("INSERT INTO type_of_assistance VALUES (?, ?, ?, ?)", TYPES)
    con.executemany("INSERT INTO request_type_of_assistance VALUES (?, ?, NULL, ?, ?)", REQUEST_TYPES)
    con.executemany("INSERT INTO call_for_experts VALUES (?, ?, '1', NULL, ?, NULL, NULL, NULL, true)", CALLS)
    con.executemany("INSERT INTO application VALUES (?, ?, NULL, NULL, NULL, ?, true)", APPLICATIONS)
    yield con
    con.close()


def run(con, name, no_filter, **extra):
    return run_query(con, name, {**no_filter, **extra})


def test_a_request_with_two_fields_counts_in_both_and_unclassified_ones_are_shown(con, no_filter):
    df = run(con, "requests_by_field", no_filter).set_index(["area", "field_code"])
    sp = "Social Protection"
    # 2016-11 counts under E.10.04 and under N.15; E.00 has 2017-01 itself plus 2016-11 below it.
    assert df.loc[(sp, "E.10.04"), "requests_with_field"] == 1
    assert df.loc[(sp, "N.15"), "requests_with_field"] == 1
    assert (df.loc[(sp, "E.00"), "requests_with_field"], df.loc[(sp, "E.00"), "requests_in_branch"]) == (1, 2)
    assert (df.loc[(sp, "E.10"), "requests_with_field"], df.loc[(sp, "E.10"), "requests_in_branch"]) == (0, 1)
    # Social Protection: 6 requests, 2 classified; Labour & Employment: 4, 1 classified.
    assert df.loc[(sp, "Not classified"), "requests_with_field"] == 4
    assert df.loc[("Labour & Employment", "Not classified"), "requests_with_field"] == 3
    assert df.loc[("Labour & Employment", "A.00"), "requests_in_branch"] == 1


def test_the_field_and_type_filters_take_in_what_is_below(con, no_filter):
    received = lambda **f: int(run(con, "kpi_totals", no_filter, **f).iloc[0]["received"])  # noqa: E731
    assert received(fields=["E.00"]) == 2              # 2016-11 (E.10.04) and 2017-01 (E.00)
    assert received(fields=["E.10"]) == 1
    assert received(fields=["Not classified"]) == 7
    assert received(types=["A.02"]) == 3              # 2016-11, 2017-20, 2018-30
    assert received(types=["A.02"], fields=["N.15"]) == 1
    assert received(types=["Not classified"]) == 6


def test_types_roll_up_to_their_ancestors_merged_in_fractioned_out(con, no_filter):
    def counts(level, status_set="received"):
        df = run(con, "requests_by_type_of_assistance", no_filter, type_level=level, status_set=status_set)
        return df.groupby(["type_code", "source"])["requests"].sum().to_dict()   # both areas of work

    # Fractioned 2017-20 is left out: 9 requests, 3 typed, 6 not classified.
    assert counts(1) == {("A.00", "Published in the final report"): 2, ("A.00", "Synthetic demo data"): 1,
                         ("Not classified", "No type recorded"): 6}
    assert counts(2) == {("A.02", "Published in the final report"): 2, ("A.03", "Synthetic demo data"): 1,
                         ("Not classified", "No type recorded"): 6}
    assert counts(3)[("A.02.02", "Published in the final report")] == 1
    assert counts(3)[("A.02", "Published in the final report")] == 1      # Merged 2018-30, no sub-type
    # Implemented (revised): 2016-11 Completed, 2018-01 On-hold (2016-12 Ongoing, 2019-01 Stopped have no type).
    assert counts(2, "implemented_revised") == {("A.02", "Published in the final report"): 1,
                                                ("A.03", "Synthetic demo data"): 1,
                                                ("Not classified", "No type recorded"): 2}


def test_a_request_whose_types_roll_up_to_one_code_counts_once_under_it(no_filter):
    con = duckdb.connect(":memory:")
    build_fixture_database(con)
    con.executemany("INSERT INTO type_of_assistance VALUES (?, ?, ?, ?)", TYPES)
    # 2016-11: policy development (A.02.02) and organisational capacity building (A.03), both published;
    # 2018-01: A.03 published and A.02 synthetic.
    con.executemany("INSERT INTO request_type_of_assistance VALUES (?, ?, NULL, ?, ?)",
                    [("2016-11", "A.02.02", "report", False), ("2016-11", "A.03", "report", False),
                     ("2018-01", "A.03", "report", False), ("2018-01", "A.02", "synthetic", True)])

    def counts(level, **filters):
        df = run(con, "requests_by_type_of_assistance", {**no_filter, **filters}, type_level=level,
                 status_set="received")
        return df[df["type_code"] != "Not classified"].groupby(["type_code", "source"])["requests"].sum().to_dict()

    published, synthetic = "Published in the final report", "Synthetic demo data"
    # Level 1: 2016-11's two types are both A.00 and count once; 2018-01 once per source.
    assert counts(1) == {("A.00", published): 2, ("A.00", synthetic): 1}
    # Level 2: A.02.02 rolls up to A.02 (2016-11); A.03 has both; A.02 synthetic is 2018-01's.
    assert counts(2) == {("A.02", published): 1, ("A.03", published): 2, ("A.02", synthetic): 1}
    assert counts(3) == {("A.02.02", published): 1, ("A.03", published): 2, ("A.02", synthetic): 1}
    # The same from the rows stored with a version, and in a sidebar filter: RP1 holds 2016-11 only.
    from socieux.store import materialise_views
    materialise_views(con)
    assert counts(1) == {("A.00", published): 2, ("A.00", synthetic): 1}
    assert counts(1, periods=["RP1"]) == {("A.00", published): 1}
    assert counts(2, periods=["RP2"]) == {("A.03", published): 1, ("A.02", synthetic): 1}
    con.close()


def test_oc1_and_oc2_count_implemented_actions_by_type(con, no_filter):
    from socieux.indicators import indicator

    def cumulative(indicator_id):
        spec = indicator(indicator_id)
        df = run(con, spec.query, no_filter, **spec.query_params()).set_index("period")
        return df.loc["RP4", "cumulative_value"], df.loc["RP4", "cumulative_base"]

    # Revised-implemented RP1-RP4: 2016-11, 2016-12, 2019-01; 2018-01 is On-hold with no implemented activity, so
    # it does not count. OC1: 2016-11 (A.02.02); OC2 would count 2018-01 (A.03), which is not implemented.
    assert cumulative("OC1") == (1, 3)
    assert cumulative("OC2") == (0, 3)


def test_calls_per_period_and_applications_per_call(con, no_filter):
    df = run(con, "calls_by_period", no_filter).set_index("period")
    assert (df.loc["RP3", "calls"], df.loc["RP3", "applications"], df.loc["RP3", "applications_per_call"]) == (2, 4, 2)
    assert (df.loc["RP4", "calls"], df.loc["RP4", "selected"]) == (1, 1)
    spread = run(con, "applications_per_call", no_filter)
    assert dict(zip(spread["applications"], spread["calls"])) == {1: 1, 2: 1, 3: 1}
    assert run(con, "calls_by_period", no_filter, regions=["Pacific"]).empty


def test_the_hovers_shares_are_of_everything_in_view(con, no_filter):
    # 10 requests in view: E.00 holds 2016-11 and 2017-01 (2 of 10), Social Protection's unclassified 4 of 10.
    fields = run(con, "requests_by_field", no_filter).set_index(["area", "field_code"])["share_in_view"]
    assert (fields[("Social Protection", "E.00")], fields[("Social Protection", "Not classified")]) == (0.2, 0.4)
    # 9 requests (fractioned 2017-20 out): A.02 published 2016-11 and 2018-30 (2 of 9), A.03 synthetic 2018-01.
    types = run(con, "requests_by_type_of_assistance", no_filter, type_level=2, status_set="received")
    shares = types.set_index(["type_code", "source"])["share"]
    assert shares[("A.02", "Published in the final report")] == pytest.approx(2 / 9)
    assert shares[("A.03", "Synthetic demo data")] == pytest.approx(1 / 9)
    # 3 calls: two in RP3, one in RP4; one call each with 1, 2 and 3 applications.
    assert run(con, "calls_by_period", no_filter).set_index("period")["share"].to_dict() == {
        "RP3": pytest.approx(2 / 3), "RP4": pytest.approx(1 / 3)}
    assert list(run(con, "applications_per_call", no_filter)["share"]) == [pytest.approx(1 / 3)] * 3


def test_a_click_maps_to_the_sidebar_filters():
    # A stacked bar: its x is the period, its trace (legend group) the split; "{dimension}" is the chart's option.
    selects = chart("requests-period-dimension").click_filters(dimension="region")
    assert clicked_filters(selects, [{"x": "RP2", "legendgroup": "Africa", "y": 7}]) == {
        "period": ["RP2"], "region": ["Africa"]}
    # A sunburst sector: area and field from its id; the area ring alone sets the area only.
    sunburst = chart("requests-fields").click_filters()
    assert clicked_filters(sunburst, [{"id": "Social Protection|E.10", "label": "E.10 Social Security"}]) == {
        "area": ["Social Protection"], "field": ["E.10"]}
    assert clicked_filters(sunburst, [{"id": "Labour & Employment"}]) == {"area": ["Labour & Employment"]}
    # A map country: its name rides on the shape; the grey background carries none and filters nothing.
    map_selects = chart("requests-country-map").click_filters()
    assert clicked_filters(map_selects, [{"location": "KHM", "customdata": "Cambodia"}]) == {"country": ["Cambodia"]}
    assert clicked_filters(map_selects, [{"location": "FRA"}]) == {}
    bars = chart("requests-type-of-assistance").click_filters()
    assert clicked_filters(bars, [{"customdata": ["A.02.02", "Social Protection"]}]) == {
        "type": ["A.02.02"], "area": ["Social Protection"]}


# The bundled data -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled(bundled_store_dir):
    con = connect(Store(bundled_store_dir).current())
    yield con
    con.close()


# Rows per field of Tables 6 and 7 as CLASSIFICATIONS.md lists them (after the seven reattributed Table 7 rows).
TABLE_6 = {"E.00": 25, "E.05": 7, "E.10": 15, "E.10.01": 6, "E.10.02": 5, "E.10.04": 9, "E.10.07": 4, "E.10.08": 4,
           "E.10.09": 5, "E.10.10": 8, "E.15": 9, "L.40": 4, "N.15": 12, "Q.05": 6, "V.00": 3}
TABLE_7 = {"A.00": 24, "A.15": 4, "A.20": 18, "A.20.02": 7, "A.20.10": 5, "A.20.15": 6, "A.25": 8, "A.35": 18,
           "A.45": 15, "F.15.05": 7, "F.15.10": 4, "N.10": 4, "U.05": 7}


def test_the_bundled_fields_reproduce_tables_6_and_7(bundled, no_filter):
    df = run(bundled, "requests_by_field", no_filter)
    for area, table, unclassified in (("Social Protection", TABLE_6, 9), ("Labour & Employment", TABLE_7, 8)):
        rows = df[(df["area"] == area) & (df["requests_with_field"] > 0)].set_index("field_code")
        assert rows["requests_with_field"].drop("Not classified").to_dict() == table
        assert rows.loc["Not classified", "requests_with_field"] == unclassified
    # 68 + 60 classified requests, 9 + 8 not: all 145, none dropped.
    classified = int(bundled.execute("SELECT count(DISTINCT code) FROM request_field").fetchone()[0])
    assert classified + 9 + 8 == 145 and classified == 128


def test_bundled_types_keep_the_published_ones_and_meet_the_report_totals(bundled):
    published = bundled.execute(
        "SELECT count(DISTINCT code) FROM request_type_of_assistance WHERE source = 'report' AND NOT is_synthetic"
    ).fetchone()[0]
    assert published == 62   # 63 summaries, one of them "tbd"
    totals = bundled.execute(
        """
        SELECT count(*) FILTER (WHERE type_code = 'A.02.02'),
               count(*) FILTER (WHERE implemented AND starts_with(type_code, 'A.02')),
               count(*) FILTER (WHERE implemented AND type_code = 'A.02.01'),
               count(*) FILTER (WHERE implemented AND type_code = 'A.02.02'),
               count(*) FILTER (WHERE is_synthetic AND source <> 'synthetic')
        FROM (SELECT t.*, in_status_set('implemented_original', r.status) AS implemented
              FROM request_type_of_assistance t JOIN request_action r USING (code))
        """
    ).fetchone()
    assert totals == (28, 32, 9, 21, 0)


def test_requests_page_shows_fields_types_and_sdgs(app_env):
    at = open_page("pages/requests.py")
    tables = [d.value for d in at.dataframe]
    fields = next(t for t in tables if "Field of intervention" in t.columns)
    categories = fields[fields["Level"] == "Category"].set_index(["Area of work", "Code"])
    assert categories.loc[("Social Protection", "E.00"), "Requests at or below it (each once)"] == 65
    assert categories.loc[("Labour & Employment", "A.00"), "Requests at or below it (each once)"] == 57
    assert (fields["Field of intervention"] == "Not classified in the report").sum() == 2
    sdgs = next(t for t in tables if "Goal or target" in t.columns)
    assert sdgs["Requests"].sum() == 178
    assert any("Synthetic demo data" in w.value for w in at.warning)


def test_a_field_filter_from_the_url_narrows_every_page(app_env):
    at = open_page(field="E.10")
    assert metrics(at)["Requests received"] == "47"
    # The address bar writes the option as the sidebar shows it (code and name); such a link opens the same view.
    assert metrics(open_page(field="E.10 Social Security"))["Requests received"] == "47"
    at = open_page("pages/requests.py", field="E.10", type_level="1", type_scope="implemented_revised")
    fields = next(d.value for d in at.dataframe if "Field of intervention" in d.value.columns)
    # Only the 47 requests at or below E.10, all Social Protection and all classified.
    assert set(fields["Area of work"]) == {"Social Protection"}
    assert fields.set_index("Code").loc["E.10", "Requests at or below it (each once)"] == 47
    assert "Not classified in the report" not in set(fields["Field of intervention"])


def test_experts_page_shows_the_roster_and_the_calls(app_env, bundled):
    at = open_page("pages/experts.py")
    roster = bundled.execute("SELECT count(*) FROM expert WHERE registration_date <= DATE '2020-09-28'").fetchone()[0]
    calls, applications = bundled.execute(
        "SELECT (SELECT count(*) FROM call_for_experts), (SELECT count(*) FROM application)").fetchone()
    cards = metrics(at)
    assert cards["Experts registered"] == f"{roster:,}"
    assert (cards["Calls for experts"], cards["Applications"]) == (f"{calls:,}", f"{applications:,}")
    assert any("Synthetic demo data" in w.value for w in at.warning)
