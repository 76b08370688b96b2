"""Deep links: the page a typed address means, and the Streamlit behaviour that makes follow_deep_link needed."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager

from socieux.server import imported_by_pages
from socieux.ui.entry import canonical_page_name, route_every_page_through_app

PATHS = ["", "requests", "expert_days", "upload"]


@pytest.mark.parametrize(("typed", "meant"), [
    ("Requests", "requests"), ("EXPERT_DAYS", "expert_days"), ("expert_days", "expert_days"),
    ("overview", ""), ("Overview", ""), ("Upload", "upload"), ("no_such_page", "no_such_page"),
])
def test_a_typed_address_means_its_page_whatever_the_case(typed, meant):
    assert canonical_page_name(typed, PATHS, default_path="overview") == meant


@pytest.fixture()
def pages_manager(tmp_path):
    before = PagesManager.uses_pages_directory
    (tmp_path / "app.py").write_text("")
    yield PagesManager(str(tmp_path / "app.py"))
    PagesManager.uses_pages_directory = before


@pytest.mark.parametrize("typed", ["Requests", "overview"])
def test_streamlit_still_matches_addresses_letter_for_letter(pages_manager, typed):
    # When this fails, Streamlit opens these addresses itself: follow_deep_link in socieux/ui/entry.py can go.
    pages = {
        "home": {"page_script_hash": "home", "url_pathname": "", "page_name": "Overview", "script_path": ""},
        "req": {"page_script_hash": "req", "url_pathname": "requests", "page_name": "Requests", "script_path": ""},
    }
    pages_manager.set_script_intent("", typed)
    resolved = pages_manager.set_pages_and_resolve(pages, fallback_page_hash="none")
    assert resolved is None  # not found: Streamlit would show "Page not found"


def test_streamlit_still_starts_an_app_with_a_pages_folder_in_its_legacy_mode(tmp_path):
    # When this fails, Streamlit no longer runs page files alone: route_every_page_through_app (socieux/ui/entry.py),
    # which socieux/server.py and tests/conftest.py install, can go.
    streamlit_decides = getattr(PagesManager.__init__, "__wrapped__", PagesManager.__init__)
    before = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = None  # undecided, as in a fresh process or a new AppTest run
        (tmp_path / "pages").mkdir()
        (tmp_path / "app.py").write_text("")
        streamlit_decides(PagesManager.__new__(PagesManager), str(tmp_path / "app.py"))
        assert PagesManager.uses_pages_directory is True
    finally:
        PagesManager.uses_pages_directory = before


def test_with_the_routing_installed_no_page_manager_decides_the_legacy_mode(tmp_path):
    route_every_page_through_app()  # installed once; installing it again changes nothing
    before = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = None
        (tmp_path / "pages").mkdir()
        (tmp_path / "app.py").write_text("")
        PagesManager(str(tmp_path / "app.py"))
        assert PagesManager.uses_pages_directory is False
        assert PagesManager.__init__.__wrapped__.__name__ == "__init__"  # wrapped once, not twice
    finally:
        PagesManager.uses_pages_directory = before


_EVERY_PAGE_RUN = """
import json, sys
from socieux.server import import_what_pages_import
from socieux.ui.entry import route_every_page_through_app
from socieux.access import hash_password
from streamlit.testing.v1 import AppTest

route_every_page_through_app()
import_what_pages_import()
before = set(sys.modules)
at = AppTest.from_file(sys.argv[1], default_timeout=600)
at.secrets["staff"] = {"password_hash": hash_password("a staff password", iterations=1_000)}
at.run()
at.text_input(key="staff_name").set_value("Staff")
at.text_input(key="staff_password").set_value("a staff password")
next(b for b in at.button if b.label == "Sign in").click()
at.run()
for page in sys.argv[2:]:
    at.switch_page(page)
    at.run()
    assert not at.exception, (page, [e.message for e in at.exception])
print(json.dumps(sorted(name for name in set(sys.modules) - before if name.split(".")[0] == "socieux")))
"""


def test_the_server_imports_before_any_session_every_module_a_page_run_needs(bundled_store_dir):
    # Imported by the first runs of several sessions at once, a package and one of its modules can fail a run
    # with Python's _DeadlockError (socieux/server.py): no page run may import a module of the project.
    root = Path(__file__).resolve().parents[1]
    pages = [str(page) for page in sorted((root / "pages").glob("*.py"))]
    run = subprocess.run([sys.executable, "-c", _EVERY_PAGE_RUN, str(root / "app.py"), *pages], cwd=root,
                         env={**os.environ, "SOCIEUX_STORE_DIR": str(bundled_store_dir)},
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert json.loads(run.stdout.strip().splitlines()[-1]) == []


def test_the_modules_a_page_imports_are_read_from_its_file():
    names = imported_by_pages()
    assert names["socieux.charts.expert_days"] is True   # ``from socieux.charts.expert_days import ...``
    assert names["socieux.ui.layout"] is True
    assert names["socieux.ui.layout.page_header"] is False   # perhaps a module: here a function
