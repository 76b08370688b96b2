"""The request list's search ignores case and accents; the partner-country filter offers the countries of the
chosen region and income group, and says so when a chosen country falls outside them."""

import pytest
from streamlit.testing.v1 import AppTest

from socieux.filters import Filters
from socieux.queries import run_query
from socieux.store import Store, connect
from socieux.ui.sidebar import countries_in, offered_options
from tests.conftest import PROJECT_ROOT


@pytest.fixture()
def bundled_con(bundled_store_dir):
    con = connect(Store(bundled_store_dir).current())
    yield con
    con.close()


def _countries_found(con, search: str) -> set[str]:
    found = run_query(con, "request_list", {**Filters().params(), "search": search, "limit": None, "sort": "code"})
    return set(found["Country"])


@pytest.mark.parametrize(("search", "country"), [
    ("cote", "Côte d'Ivoire"), ("CÔTE D'IVOIRE", "Côte d'Ivoire"), ("PERU", "Peru"), ("pérù", "Peru"),
])
def test_the_search_ignores_case_and_accents(bundled_con, search, country):
    assert _countries_found(bundled_con, search) == {country}


def test_each_country_option_carries_its_region_and_income_group(fixture_con):
    options = run_query(fixture_con, "filter_options")
    countries = offered_options(options)["country"]
    by_value = {c.value: c for c in countries}
    assert (by_value["Aland"].region, by_value["Aland"].income_group) == ("Africa", "Low income")
    assert (by_value["Bland"].region, by_value["Bland"].income_group) == ("Asia", "Upper-middle income")
    assert [c.value for c in countries_in(countries, ["Asia"], [])] == ["Bland"]
    assert [c.value for c in countries_in(countries, ["Africa", "Asia"], ["Low income"])] == ["Aland"]
    assert [c.value for c in countries_in(countries, [], [])] == ["Aland", "Bland", "Cland"]


def _open(**query_params) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    at.query_params.update(query_params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_country_filter_offers_the_chosen_regions_countries(app_env):
    at = _open(region="Africa")
    offered = at.multiselect(key="country").options
    assert "Côte d'Ivoire" in offered and "Peru" not in offered and "Cambodia" not in offered


def test_a_chosen_country_outside_the_region_is_said_in_words(app_env):
    at = _open(region="Africa", country="Peru")
    assert at.multiselect(key="country").value == ["Peru"]  # kept, not dropped
    warnings = [w.value for w in at.sidebar.warning]
    assert any("Not in the chosen region or income group" in w and "Peru" in w for w in warnings), warnings
    assert not any("Not in the data" in w for w in warnings)
