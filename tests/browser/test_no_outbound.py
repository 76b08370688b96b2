"""The dashboard starts and serves a viewer without contacting any address outside the machine."""

import tomllib

from tests.browser.conftest import OUTPUT_DIR, PROJECT_ROOT, running_dashboard

CONFIG = PROJECT_ROOT / ".streamlit" / "config.toml"


def test_the_configuration_turns_off_what_would_call_out():
    browser = tomllib.loads(CONFIG.read_text())["browser"]
    assert browser["gatherUsageStats"] is False
    # set by hand, Streamlit prints it at start instead of asking checkip.amazonaws.com for the external IP
    assert browser["serverAddress"] == "localhost"


def test_start_up_and_a_first_view_resolve_and_connect_to_nothing_outside(bundled_store_dir, page):
    audit = OUTPUT_DIR / "outbound-audit.log"
    audit.unlink(missing_ok=True)
    launcher = ("-m", "tests.browser.outbound_audit", str(audit))
    # as scripts/start.sh starts it: no address, no headless flag, no usage-stats flag on the command line
    with running_dashboard(bundled_store_dir, "outbound.log", launcher=launcher, as_configured=True) as url:
        page.goto(url)
        page.get_by_role("button", name="Clear all filters").wait_for()
        page.get_by_role("heading", name="SOCIEUX+ at a glance").wait_for()
    assert audit.exists(), "the audit hook did not start"
    assert audit.read_text() == "", f"The server reached outside the machine:\n{audit.read_text()}"
    log = (OUTPUT_DIR / "outbound.log").read_text()
    assert "URL: http://localhost:" in log
    assert "External URL" not in log and "Network URL" not in log
