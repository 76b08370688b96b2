"""Each query of queries/ on the hand-built fixture, with the expected values worked out by hand."""

import duckdb
import pytest

from socieux.queries import query_names, query_parameters, query_paths, run_query

HOSTILE = "x' OR 1=1 --"


def with_filter(no_filter, **selection):
    return {**no_filter, **selection}


def test_filters_narrow_the_totals(fixture_db, no_filter):
    # Africa = Aland: 2016-11, 2016-12, 2018-01, 2019-40.
    africa = run_query(fixture_db, "kpi_totals", with_filter(no_filter, regions=["Africa"])).iloc[0]
    assert (africa["received"], africa["implemented"], float(africa["working_days"])) == (4, 2, 35.5)
    # RP1 and Labour & Employment: only 2016-12.
    narrow = with_filter(no_filter, periods=["RP1"], areas=["Labour & Employment"])
    assert run_query(fixture_db, "kpi_totals", narrow).iloc[0]["received"] == 1
    # Stage filter uses the stage label: Closed = five terminal statuses.
    assert run_query(fixture_db, "kpi_totals", with_filter(no_filter, stages=["Closed"])).iloc[0]["received"] == 5


def test_a_hostile_filter_value_is_data_and_matches_nothing(fixture_db, no_filter):
    for key in [k for k, v in no_filter.items() if isinstance(v, list)]:  # the Fractioned toggle is a switch
        totals = run_query(fixture_db, "kpi_totals", with_filter(no_filter, **{key: [HOSTILE]})).iloc[0]
        assert totals["received"] == 0
    assert run_query(fixture_db, "request_list", {**no_filter, "search": HOSTILE, "limit": None, "sort": "code"}).empty
    # The table is still there afterwards.
    assert fixture_db.execute("SELECT count(*) FROM request_action").fetchone()[0] == 10


def test_kpi_by_period_lists_every_period_and_ignores_the_period_filter(fixture_db, no_filter):
    by_period = run_query(fixture_db, "kpi_by_period", with_filter(no_filter, periods=["RP2"]))
    received = dict(zip(by_period["period"], by_period["received"]))
    assert received == {"SCX": 0, "RP1": 3, "RP2": 2, "RP3": 2, "RP4": 2, "RP5": 1, "RP6": 0, "RP7": 0}
    implemented = dict(zip(by_period["period"], by_period["implemented"]))
    assert implemented["RP1"] == 2 and implemented["RP3"] == 1


def test_requests_by_period_and_area(fixture_db, no_filter):
    df = run_query(fixture_db, "requests_by_period_and_area", no_filter)
    cells = {(r.period, r.area_of_work): r.requests for r in df.itertuples()}
    assert cells[("RP1", "Social Protection")] == 2
    assert cells[("RP1", "Labour & Employment")] == 1
    assert cells[("RP4", "Social Protection")] == 2
    assert list(dict.fromkeys(df["period"])) == ["RP1", "RP2", "RP3", "RP4", "RP5"]


def test_requests_by_region_in_the_facility_order(fixture_db, no_filter):
    df = run_query(fixture_db, "requests_by_region", no_filter)
    assert list(df["region"]) == ["Africa", "Asia", "Pacific"]
    assert list(df["requests"]) == [4, 4, 2]
    assert list(df["implemented"]) == [2, 1, 0]


def test_requests_by_income_group(fixture_db, no_filter):
    df = run_query(fixture_db, "requests_by_income_group", no_filter)
    assert dict(zip(df["income_group"], df["requests"])) == {
        "Low income": 4, "Upper-middle income": 4, "Not classified": 2,
    }


def test_requests_by_status_grouped_by_stage(fixture_db, no_filter):
    df = run_query(fixture_db, "requests_by_status", no_filter)
    assert list(dict.fromkeys(df["stage"])) == [
        "Request", "Action in preparation", "Action in implementation", "Closed",
    ]
    # The facility's spelling is shown: Fractionated appears as "Fractioned".
    assert "Fractioned" in set(df["status"])
    assert df["requests"].sum() == 10


@pytest.mark.parametrize(
    ("dimension", "period", "category", "count", "share"),
    [
        ("area", "RP1", "Social Protection", 2, 2 / 3),
        ("region", "RP3", "Pacific", 1, 1 / 2),
        ("income_group", "RP2", "Upper-middle income", 1, 1 / 2),
    ],
)
def test_requests_by_period_and_dimension_as_count_and_share(fixture_db, no_filter, dimension, period, category,
                                                             count, share):
    df = run_query(fixture_db, "requests_by_period_and_dimension", {**no_filter, "dimension": dimension})
    row = df[(df["period"] == period) & (df["category"] == category)].iloc[0]
    assert row["requests"] == count
    assert row["share"] == pytest.approx(share)
    assert df.groupby("period")["share"].sum().round(9).eq(1).all()


def test_requests_by_country(fixture_db, no_filter):
    df = run_query(fixture_db, "requests_by_country", no_filter).set_index("country")
    assert df.loc["Aland", "requests"] == 4
    assert float(df.loc["Aland", "working_days"]) == 35.5
    assert float(df.loc["Bland", "expenditure_eur"]) == 2000
    assert df.loc["Cland", "iso3"] == "CCC"


def test_cross_cutting_counts(fixture_db, no_filter):
    df = run_query(fixture_db, "cross_cutting_by_period", no_filter)
    # Gender: 2016-11, 2017-20, 2019-01; disability: 2016-12, 2017-20; both: 2017-20.
    assert (df["gender_relevant"].sum(), df["disability_relevant"].sum(), df["both_relevant"].sum()) == (3, 2, 1)


def test_request_list_search_matches_code_country_institution_or_title(fixture_db, no_filter):
    def codes(search):
        return list(run_query(fixture_db, "request_list", {**no_filter, "search": search, "limit": None, "sort": "code"})["Code"])

    assert len(codes("")) == 10
    assert codes("2019-4") == ["2019-40"]
    assert codes("CLAND") == ["2018-30", "2020-01"]
    assert codes("%") == []  # no wildcards: plain text


def test_request_list_sorts_as_chosen_with_ties_by_code(fixture_db, no_filter):
    def codes(sort):
        return list(run_query(fixture_db, "request_list", {**no_filter, "search": "", "limit": None, "sort": sort})["Code"])

    # Days 20, 12, 10, 5.5, then the six with 0 by code.
    assert codes("working_days") == ["2016-11", "2019-01", "2016-12", "2018-01",
                                     "2017-01", "2017-20", "2018-30", "2019-40", "2020-01", "2020-02"]
    # EUR 2,000, 1,000, 300.50; the seven not recorded last, by code.
    assert codes("expenditure")[:4] == ["2019-01", "2016-11", "2018-01", "2016-12"]
    assert codes("country") == ["2016-11", "2016-12", "2018-01", "2019-40",   # Aland
                                "2017-01", "2017-20", "2019-01", "2020-02",   # Bland
                                "2018-30", "2020-01"]                         # Cland


def test_request_list_shows_the_first_rows_by_code_and_counts_them_all(fixture_db, no_filter):
    def request_list(limit, **selection):
        return run_query(fixture_db, "request_list", {**no_filter, "search": "", "limit": limit, "sort": "code", **selection})

    first = request_list(3)
    # The ten codes in order: 2016-11, 2016-12, 2017-01, 2017-20, ...; every row says that 10 match.
    assert list(first["Code"]) == ["2016-11", "2016-12", "2017-01"]
    assert set(first["matching_requests"]) == {10}
    # Asia = Bland: 2017-01, 2017-20, 2019-01, 2020-02; the first two of four.
    asia = request_list(2, regions=["Asia"])
    assert (list(asia["Code"]), set(asia["matching_requests"])) == (["2017-01", "2017-20"], {4})
    # No limit: every matching row.
    assert list(request_list(None, regions=["Asia"])["Code"]) == ["2017-01", "2017-20", "2019-01", "2020-02"]
    # The search narrows the count too: Cland is 2018-30 and 2020-01.
    cland = request_list(1, search="cland")
    assert (list(cland["Code"]), set(cland["matching_requests"])) == (["2018-30"], {2})


def test_filter_options_offer_what_the_data_holds(fixture_db):
    df = run_query(fixture_db, "filter_options")
    options = {d: list(g["value"]) for d, g in df.groupby("dimension")}
    assert options["period"] == ["RP1", "RP2", "RP3", "RP4", "RP5"]
    assert options["region"] == ["Africa", "Asia", "Pacific"]
    assert options["stage"] == ["Request", "Action in preparation", "Action in implementation", "Closed"]
    assert options["country"] == ["Aland", "Bland", "Cland"]


def test_every_query_file_runs_on_the_fixture(fixture_db, no_filter):
    extra = {"dimension": "area", "search": "", "sort": "code", "eligibilities": [], "nationalities": [], "form": "EXF",
             "level": "domain"}
    extra["limit"] = None  # the long tables: every row
    # the logframe indicator and processing-time queries
    extra |= {"indicator_id": "LF-O7", "status_set": "implemented_original", "exclude_non_feasible": False,
              "threshold": 4.0, "assistance": "A.02", "cohort_mode": "cumulative", "computed": ["LF-O7"],
              "figures": [],
              "type_level": 2, "assistance_types": ["A.03"]}
    # the evaluation follow-up queries
    extra |= {"as_of": None, "organisations": [], "evaluations": [], "responsibles": [], "responses": [],
              "statuses": []}
    for name in query_names():
        run_query(fixture_db, name, {**no_filter, **extra})


def test_a_missing_parameter_is_named(fixture_db):
    with pytest.raises(KeyError, match="regions"):
        run_query(fixture_db, "kpi_totals", {"periods": []})


def test_an_unknown_query_is_named(fixture_db):
    with pytest.raises(KeyError, match="no_such_query"):
        run_query(fixture_db, "no_such_query")


def test_queries_use_parameters_not_string_building():
    # Filter values only ever reach SQL as named parameters.
    assert {"periods", "regions", "income_groups", "areas", "countries", "stages"} <= query_parameters("kpi_totals")
    for name, path in query_paths().items():
        assert "{" not in path.read_text(), f"{name} looks like a template"


def test_queries_run_on_a_read_only_connection(tmp_path, no_filter):
    from tests.conftest import build_fixture_database

    path = tmp_path / "fixture.duckdb"
    con = duckdb.connect(str(path))
    build_fixture_database(con)
    con.close()
    read_only = duckdb.connect(str(path), read_only=True)
    assert run_query(read_only, "kpi_totals", no_filter).iloc[0]["received"] == 10
