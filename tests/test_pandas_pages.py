"""The benchmark's pandas reference of whole pages (scripts/pandas_pages.py) gives DuckDB's rows for every query a
rerun of each page it covers makes, with and without sidebar filters, on the bundled data."""

import sys

import pytest
from streamlit.testing.v1 import AppTest

import socieux.ui.data as data
from socieux.queries import run_query
from socieux.store import Store, connect
from socieux.ui.sidebar import FRACTIONED_KEY
from tests.conftest import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
import pandas_pages  # noqa: E402 (scripts/ is not a package)

SIDEBAR = ("period", "region", "income_group", "area", "country", "stage")


def selections(options) -> list[dict]:
    """No filter, then one or two values of each sidebar dimension, as a viewer would pick them."""
    values = {key: [v for v in options.loc[options["dimension"] == key, "value"] if v not in ("Unknown", "Not recorded")]
              for key in SIDEBAR}
    return [{}, {"period": values["period"][1:2], "region": values["region"][:1]}, {"area": values["area"][:2]},
            {"country": values["country"][:1]}, {"income_group": values["income_group"][:1], "stage": values["stage"][:1]},
            {"period": values["period"][:1], "fractioned": False}]


@pytest.mark.parametrize("script", sorted(pandas_pages.PAGES))
def test_every_result_of_a_page_is_computed_the_same_in_pandas(app_env, monkeypatch, script):
    calls: list[tuple[str, dict]] = []

    def recording(con, name, params=None):
        calls.append((name, dict(params or {})))
        return run_query(con, name, params)

    monkeypatch.setattr(data, "run_query", recording)
    data._cached_query.clear()  # every query of the page asked again, not answered by another test's results
    data._derived.clear()
    con = connect(Store(app_env).current())
    try:
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
        at.switch_page(script)
        at.run()
        calls.clear()  # the page's opening also reads the sidebar's options and the data date, once per version
        for selection in selections(run_query(con, "filter_options")):
            for key in SIDEBAR:
                at.multiselect(key=key).set_value(selection.get(key, []))
            at.toggle(key=FRACTIONED_KEY).set_value(selection.get("fractioned", True))
            at.run()
            assert not at.exception, at.exception
        queries = pandas_pages.queries_of(script)
        asked = {name for name, _ in calls}
        assert asked - queries.keys() == set(), "queries of the page without a pandas reference"
        assert queries.keys() - asked == set(), "pandas references the page no longer asks for"
        frames = pandas_pages.load_frames(con, [script])
        differing = [(name, params, difference) for name, params in calls
                     if (difference := pandas_pages.same_rows(run_query(con, name, params),
                                                              queries[name](frames, params).reset_index(drop=True)))]
        assert differing == []
        assert len(calls) >= 6 * len(asked) // 2  # the selections were asked for, not answered by a cache
    finally:
        con.close()


def test_a_differing_result_is_named():
    import pandas as pd

    duck = pd.DataFrame({"item": ["a", "b"], "share": [0.5, None]})
    assert pandas_pages.same_rows(duck, duck.copy()) is None
    assert pandas_pages.same_rows(duck, duck[::-1]) is None  # the same rows in another order
    assert "columns differ" in pandas_pages.same_rows(duck, duck.rename(columns={"share": "shares"}))
    assert "2 rows against 1" == pandas_pages.same_rows(duck, duck.head(1))
    changed = pandas_pages.same_rows(duck, duck.assign(share=[0.5, 0.0]))
    assert changed is not None and "first differing row" in changed
