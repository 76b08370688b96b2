"""A shared link opened as the very first visit of a freshly started server reopens the same view; every
page's address opens that page, whatever its case."""

import re

import pytest

from socieux.access import hash_password
from tests.browser.conftest import running_dashboard

pytestmark = pytest.mark.browser

HEADINGS = {  # url_path in app.py -> the page's title
    "overview": "SOCIEUX+ at a glance", "requests": "Requests and actions", "expert_days": "Expert days",
    "experts": "Experts and calls", "feedback": "Feedback", "indicators": "Logframe indicators",
    "processing": "Processing times", "evaluation": "Evaluation follow-up", "report_pack": "Interim report pack",
}
# Streamlit's page first asks whether the app is served under the page's path (/requests/_stcore/health),
# then at the root: those two answers are 404 by design; any other is a broken link of the app.
_BASE_PATH_PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")


@pytest.fixture(scope="module")
def fresh_server_url(bundled_store_dir, tmp_path_factory):
    # Its own server: the point is what a link does before anyone has opened the home page.
    # A staff password is set, so the sidebar offers a sign-in.
    secrets = tmp_path_factory.mktemp("deep_links") / "secrets.toml"
    secrets.write_text(f'[staff]\npassword_hash = "{hash_password("deep link test", iterations=1_000)}"\n')
    with running_dashboard(bundled_store_dir, "fresh-server.log", ("--secrets.files", str(secrets))) as url:
        yield url


def _failed_responses(page) -> list[str]:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return failed


def test_a_deep_link_with_filters_is_the_first_visit(fresh_server_url, page):
    page.goto(f"{fresh_server_url}/expert_days?region=Africa")
    page.get_by_role("button", name="Clear all filters").wait_for()
    page.get_by_role("heading", name="Expert days", exact=True).wait_for()
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_text("Region: Africa").count() >= 1
    assert "region=Africa" in page.url


def test_a_staff_page_link_does_not_open_for_a_viewer(fresh_server_url, page):
    page.goto(f"{fresh_server_url}/upload")
    page.get_by_role("button", name="Clear all filters").wait_for()
    page.get_by_text("This page is for facility staff: sign in in the sidebar.").wait_for()
    assert page.get_by_role("heading", name="Load new data").count() == 0
    assert page.get_by_text("Browse files").count() == 0
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_role("link", name="Load new data").count() == 0  # still out of the navigation


@pytest.mark.parametrize("path", ["history", "HISTORY"])
def test_every_staff_page_address_tells_a_viewer_to_sign_in(fresh_server_url, page, path):
    page.goto(f"{fresh_server_url}/{path}")
    page.get_by_text("This page is for facility staff: sign in in the sidebar.").wait_for()
    assert page.get_by_role("heading", name="Data history").count() == 0
    assert page.get_by_text("Page not found").count() == 0


# Every page's own address (as written, lower case) is opened by
# test_every_page_draws_its_charts_and_passes_the_accessibility_audit; here the addresses a person types differently.
@pytest.mark.parametrize("path", ["PROCESSING", "Overview"])
def test_a_page_address_opens_its_page_whatever_its_case(fresh_server_url, page, path):
    failed = _failed_responses(page)
    page.goto(f"{fresh_server_url}/{path}?region=Africa")
    heading = HEADINGS[path.lower()]
    page.get_by_role("heading", name=heading, exact=True).wait_for()
    page.get_by_role("button", name="Clear all filters").wait_for()
    assert page.get_by_text("Page not found").count() == 0
    canonical = "" if path.lower() == "overview" else path.lower()  # the default page lives at "/"
    page.wait_for_url(f"{fresh_server_url}/{canonical}?region=Africa")  # the filter stays in the link
    assert [f for f in failed if not _BASE_PATH_PROBE.search(f)] == []


@pytest.mark.parametrize(("typed", "heading", "opened"), [
    ("overview", "SOCIEUX+ at a glance", ""), ("Requests", "Requests and actions", "requests"),
])
def test_a_page_by_name_in_any_case_is_a_first_visit(bundled_store_dir, page, typed, heading, opened):
    # Its own server each time: nothing has run in the process before this address (socieux/server.py).
    with running_dashboard(bundled_store_dir, f"fresh-{typed}.log") as url:
        page.goto(f"{url}/{typed}")
        page.get_by_role("heading", name=heading, exact=True).wait_for()
        page.get_by_role("button", name="Clear all filters").wait_for()
        assert page.get_by_text("Page not found").count() == 0
        page.wait_for_url(f"{url}/{opened}")
