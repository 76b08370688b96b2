"""Every page rendered with AppTest on the bundled data: right values, filters from the URL, no exception."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")


def open_page(page: str | None = None, **query_params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query_params)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_shows_the_bundled_headline_kpis(app_env):
    at = open_page()
    # 145 requests; 48 open; Ongoing 22 + Completed 48 + Stopped 14 = 84; 97 terminal.
    assert metrics(at) == {
        "Requests received": "145",
        "In processing": "48",
        "Actions implemented": "84",
        "Closed": "97",
        "Expert working days": "6,315",
        "Action expenditure (EUR)": "€3,178,280",
    }
    received = next(m for m in at.metric if m.label == "Requests received")
    # RP4 received 39, RP3 33.
    assert received.delta == "+6 (+18%)"
    assert any("Data as of 28 Sep 2020" in c.value for c in at.caption)


def test_overview_filtered_by_region_from_the_url(app_env):
    at = open_page(region="Africa")
    assert metrics(at)["Requests received"] == "66"
    assert any("Region" in c.value and "Africa" in c.value for c in at.caption)


def test_overview_single_period_compares_with_the_previous_one(app_env):
    at = open_page(period="RP2")
    received = next(m for m in at.metric if m.label == "Requests received")
    # RP2 received 38 against RP1's 35.
    assert (received.value, received.delta) == ("38", "+3 (+9%)")


def test_a_hostile_filter_value_shows_no_rows_and_no_error(app_env):
    at = open_page(region="x' OR 1=1 --")
    assert not at.metric
    assert any("No requests match" in i.value for i in at.info)
    assert any("Not in the data" in w.value for w in at.warning)


def test_requests_page_lists_and_filters_requests(app_env):
    at = open_page("pages/requests.py")
    request_list = at.dataframe[-1].value
    assert len(request_list) == 145
    assert "matching_requests" not in request_list.columns
    assert any(c.value == "145 requests shown." for c in at.caption)
    assert metrics(at)["Gender relevant"] == "22"
    at = open_page("pages/requests.py", country="Cambodia")
    assert set(at.dataframe[-1].value["Country"]) == {"Cambodia"}
    assert len(at.dataframe[-1].value) == 7


def test_requests_page_search_narrows_the_list(app_env):
    at = open_page("pages/requests.py")
    at.text_input(key="search").input("MoSAVY").run()
    assert list(at.dataframe[-1].value["Code"]) == ["2016-11"]


def test_requests_page_sorts_the_list_and_offers_no_download_when_nothing_matches(app_env):
    at = open_page("pages/requests.py", region="Africa")
    at.selectbox(key="sort").select("country").run()
    countries = list(at.dataframe[-1].value["Country"])
    assert len(set(countries)) > 10 and countries == sorted(countries)
    # The list's download menu makes its buttons only once opened.
    assert not [b for b in at.get("download_button") if "request-list" in str(b.proto.id)]
    at.session_state["request-list-downloads"] = True
    at.run()
    assert [b.proto.label for b in at.get("download_button") if "request-list" in str(b.proto.id)] == [
        "Download CSV", "Download Excel"]
    at.text_input(key="search").input("no such request anywhere").run()
    assert any(c.value == "0 requests shown." for c in at.caption)
    assert any(c.value == "Nothing to download: no row matches." for c in at.caption)
    assert not [b for b in at.get("download_button") if "request-list" in str(b.proto.id)]


def test_requests_page_shows_the_first_requests_and_downloads_all_that_match(app_env, show_at_most):
    downloads = show_at_most(3)
    at = open_page("pages/requests.py", region="Africa")
    # 66 African requests; the first three codes: Gabon, Benin, Tanzania.
    assert list(at.dataframe[-1].value["Code"]) == ["2016-14", "2017-01", "2017-05"]
    assert any(c.value == "66 requests match; the first 3 by code are shown. The downloads contain all 66."
               for c in at.caption)
    everything = downloads["request-list"]()
    assert len(everything) == 66 and "2017-19" in set(everything["Code"])  # Togo, the fourth
    assert list(everything.columns) == list(at.dataframe[-1].value.columns)


@pytest.mark.parametrize("page", [None, "pages/requests.py"])
def test_every_page_explains_an_empty_selection(app_env, page):
    # The one Pacific request (New Caledonia) was received in RP4: nothing in RP1.
    at = open_page(page, region="Pacific", period="RP1")
    assert any("No requests match" in i.value for i in at.info)
