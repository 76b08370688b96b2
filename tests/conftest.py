"""Shared fixtures: a small hand-built database, and a store built from the bundled data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from xdist.scheduler import LoadScopeScheduling

from socieux.filters import Filters
from socieux.reference_tables import load_reference_tables
from socieux.startup import ensure_ready
from socieux.store import Store, create_schema, create_views
from socieux.ui.entry import route_every_page_through_app

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Three countries and ten requests whose KPIs are worked out by hand in the tests.
FIXTURE_COUNTRIES = [
    # country, iso3, region, income group
    ("Aland", "AAA", "Africa", "Low income"),
    ("Bland", "BBB", "Asia", "Upper-middle income"),
    ("Cland", "CCC", "Pacific", "Not classified"),
]
FIXTURE_REQUESTS = [
    # code, date received, RP as given, country, area, status, gender, disability, days, expenditure
    ("2016-11", "2016-09-15", "RP1", "Aland", "Social Protection", "Completed", True, False, 20, 1000),
    ("2016-12", "2016-10-01", "RP1", "Aland", "Labour & Employment", "Ongoing", False, True, 10, None),
    ("2017-01", "2017-02-01", "RP1", "Bland", "Social Protection", "Non-eligible", False, False, 0, None),
    ("2017-20", "2017-10-01", "RP2", "Bland", "Social Protection", "Fractionated", True, True, 0, None),
    ("2018-01", "2018-01-15", "RP2", "Aland", "Labour & Employment", "On-hold", False, False, 5.5, 300.50),
    ("2018-30", "2018-10-01", "RP3", "Cland", "Social Protection", "Merged", False, False, 0, None),
    ("2019-01", "2019-01-10", "RP3", "Bland", "Labour & Employment", "Stopped", True, False, 12, 2000),
    ("2019-40", "2019-11-01", "RP4", "Aland", "Social Protection", "Approved", False, False, 0, None),
    ("2020-01", "2020-01-20", "RP4", "Cland", "Social Protection", "Withdrawn", False, False, 0, None),
    # no reporting period given: the view derives RP5 from the date
    ("2020-02", "2020-09-10", None, "Bland", "Labour & Employment", "Request", False, False, 0, None),
]


def build_fixture_database(con: duckdb.DuckDBPyConnection) -> None:
    """Create the schema, the real code lists, and the hand-built countries and requests."""
    create_schema(con)
    load_reference_tables(con)
    for country, iso3, region, income_group in FIXTURE_COUNTRIES:
        con.execute(
            "INSERT INTO partner_country VALUES (?, ?, ?, ?, 'DCI', 'test', true)",
            [country, iso3, region, income_group],
        )
    for code, received, period, country, area, status, gender, disability, days, money in FIXTURE_REQUESTS:
        con.execute(
            """
            INSERT INTO request_action (code, date_received, reporting_period, country, partner_institution,
                title, area_of_work, gender_relevant, disability_relevant, status, working_days,
                expenditure_eur, as_of)
            VALUES (?, ?, ?, ?, 'Ministry of ' || ?, 'Support to ' || ?, ?, ?, ?, ?, ?, ?, DATE '2020-09-28')
            """,
            [code, received, period, country, country, code, area, gender, disability, status, days, money],
        )
    con.execute(
        "INSERT INTO dataset_info VALUES (1, DATE '2020-09-28', TIMESTAMP '2020-09-28 12:00:00', "
        "'test', 'fixture', NULL, 'hand-built fixture', 'test', false, 'upload')"
    )
    create_views(con)


class _ModuleFixturesOnOneWorker(LoadScopeScheduling):
    """``--dist load``, except that the tests of a file defining a module-scoped fixture (a hostile store, a
    LibreOffice conversion, a server of its own) go to one worker together, so that the fixture is built once.

    pytest-xdist's own ``loadgroup`` cannot be used: it renames test ids, which this pytest no longer allows.
    The files with most tests are handed out first, then the single tests fill the workers evenly.
    """

    def __init__(self, config, log=None) -> None:
        super().__init__(config, log)
        self._shares_fixtures: dict[str, bool] = {}

    def _split_scope(self, nodeid: str) -> str:
        path = nodeid.split("::", 1)[0]
        if path not in self._shares_fixtures:
            source = PROJECT_ROOT / path
            self._shares_fixtures[path] = source.is_file() and 'scope="module"' in source.read_text()
        return path if self._shares_fixtures[path] else nodeid


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    # Streamlit's AppTest runs the pages in this process: through app.py, as a server started by socieux/server.py.
    route_every_page_through_app()


def pytest_xdist_make_scheduler(config, log):
    return _ModuleFixturesOnOneWorker(config, log) if config.getvalue("dist") == "load" else None


def _fixture_database() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(":memory:")
    build_fixture_database(con)
    yield con
    con.close()


fixture_con = pytest.fixture(_fixture_database, name="fixture_con")
# The same database built once for a module whose tests only read it (building it takes ~0.4 s).
fixture_db = pytest.fixture(_fixture_database, scope="module", name="fixture_db")


@pytest.fixture()
def no_filter() -> dict:
    return Filters().params()


@pytest.fixture(scope="session")
def bundled_store_dir(tmp_path_factory) -> Path:
    """A store holding the bundled dataset, built once for the session."""
    root = tmp_path_factory.mktemp("bundled_store")
    ensure_ready(Store(root))
    return root


@pytest.fixture()
def app_env(bundled_store_dir, monkeypatch) -> Path:
    """Point the app at the bundled store for AppTest runs."""
    monkeypatch.setenv("SOCIEUX_STORE_DIR", str(bundled_store_dir))
    return bundled_store_dir


@pytest.fixture()
def show_at_most(monkeypatch):
    """Make pages show at most n rows of their long tables; gives the download sources they hand over, by key."""
    from socieux.ui import data, layout

    def limit_to(rows: int) -> dict:
        run = data.query

        def query(name, filters=None, **extra):
            if extra.get("limit") is not None:
                extra["limit"] = rows
            return run(name, filters, **extra)

        sources: dict = {}
        monkeypatch.setattr(data, "query", query)
        monkeypatch.setattr(layout, "table_downloads", lambda table, **where: sources.update({where["key"]: table}))
        return sources

    return limit_to


def draw_every_chart_of(con: duckdb.DuckDBPyConnection, page: str, charts: int):
    """Every catalogue chart of ``page`` drawn from ``con`` without filters, each titled with at least one trace
    and marked synthetic; returns the query runner for further drawing."""
    from socieux.charts import charts_of
    from socieux.queries import run_query

    specs = charts_of(page)
    assert len(specs) == charts and all(spec.synthetic for spec in specs)

    def runner(name, filters, **extra):
        return run_query(con, name, {**filters.params(), **extra})

    for spec in specs:
        fig = spec.figure(spec.data(runner, Filters()))
        assert fig.layout.title.text and len(fig.data) >= 1, spec.chart_id
    return runner
