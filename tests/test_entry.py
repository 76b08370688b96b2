"""Deep links: the page a typed address means, and the Streamlit behaviour that makes follow_deep_link needed."""

import pytest
from streamlit.runtime.pages_manager import PagesManager

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
