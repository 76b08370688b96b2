"""Busy staff and hostile links: one version per rerun, no lost load, sign-in limits, faults, deleting versions, URLs."""

from __future__ import annotations

import errno
import logging
import subprocess
import sys
import time
import tomllib
from types import SimpleNamespace

import duckdb
import pytest
from streamlit.runtime import app_session
from streamlit.runtime.state import query_params
from streamlit.testing.v1 import AppTest

from socieux import access
from socieux.access import SignInThrottle, hash_password
from socieux.dataset_load import StoreFault
from socieux.history import VersionKept, deletable_versions, delete_version, restore_version, version_history
from socieux.filters import echoed
from socieux.ui import layout, sidebar
from socieux.ui.markdown import escape_markdown
from tests.conftest import PROJECT_ROOT
from tests.test_dataset_load import load, request_rows
from tests.test_upload_pages import PASSWORD, button, confirm_load, filled_template, signed_in, store, upload  # noqa: F401

APP = str(PROJECT_ROOT / "app.py")


def requests_received(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Requests received")


# -- One version per rerun --------------------------------------------------------------------------


def test_a_publish_while_a_page_is_drawn_does_not_mix_versions_on_it(store, monkeypatch):
    shown_header = layout.dataset_info

    def header_then_someone_publishes() -> dict:
        info = shown_header()
        if store.current().version_id == 1:  # the pointer moves between the header's query and the KPIs'
            load(store, {"request_action": request_rows(["2021-01", "2021-02"])})
        return info

    monkeypatch.setattr(layout, "dataset_info", header_then_someone_publishes)
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception, [e.value for e in at.exception]
    assert store.current().version_id == 2
    assert any("version 1, loaded" in c.value for c in at.caption)
    assert requests_received(at) == "145"  # the whole rerun answered from version 1
    at.run()
    assert any("version 2, loaded" in c.value for c in at.caption) and requests_received(at) == "2"


# -- No lost load -----------------------------------------------------------------------------------


def test_replace_is_refused_when_another_load_landed_after_the_preview(store):
    at = signed_in("pages/upload.py")
    upload(at, filled_template(store))
    other = load(store, {"request_action": request_rows(["2021-09"])})  # Ben's load, while Ana reads her preview
    confirm_load(at)
    assert store.current() == other and len(store.versions()) == 2
    [error] = at.error
    assert error.value.startswith(escape_markdown(
        "Nothing was loaded: Another version became current while you were checking: ana@socieux.example "
        "loaded version 2 (pmt_export.xlsx, data as of 31 Aug 2021) at "))
    assert error.value.endswith(escape_markdown("Reload the page, check the new preview, press Replace again."))


# -- Faults -----------------------------------------------------------------------------------------

FULL = ("The server's disk is full, so the new version could not be saved. The previous version is still current "
        "and nothing was changed. Ask the server's administrator to free space or check the disk, then load the "
        "workbook again.")
BROKEN = FULL.replace("The server's disk is full", "The server's disk reported an input/output error")


def fail_with(fault: BaseException):
    def fail(*args, **kwargs):
        raise fault
    return fail


def test_a_load_on_a_full_disk_says_so_in_words_on_the_page_and_keeps_the_previous_version(store, monkeypatch):
    at = signed_in("pages/upload.py")
    upload(at, filled_template(store))
    pointer = (store.root / "CURRENT").read_bytes()
    monkeypatch.setattr("socieux.store._fsync", fail_with(OSError(errno.ENOSPC, "No space left on device")))
    confirm_load(at)
    assert [e.value for e in at.error] == [escape_markdown(f"Nothing was loaded: {FULL}")]
    assert (store.root / "CURRENT").read_bytes() == pointer and store.versions() == [store.current()]
    assert not list(store.versions_dir.glob(".building-*"))


@pytest.mark.parametrize("target, fault, words", [
    ("socieux.store._fsync", OSError(errno.EIO, "Input/output error"), BROKEN),
    ("socieux.dataset_load._load_rows", duckdb.IOException('IO Error: Could not write "v2.duckdb": No space left on device'),
     FULL),
])
def test_an_input_output_error_while_loading_is_put_in_words_and_changes_nothing(store, monkeypatch, target, fault, words):
    before = store.current()
    monkeypatch.setattr(target, fail_with(fault))
    with pytest.raises(StoreFault) as refused:
        load(store, {"request_action": request_rows(["2021-01"])})
    assert str(refused.value) == words
    assert store.current() == before and store.versions() == [before]
    assert not list(store.versions_dir.glob(".building-*"))


# -- Staff sign-in ----------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_failures_back_off_exponentially_then_lock_until_the_window_passes():
    clock, keys = Clock(), ["session:a"]
    throttle = SignInThrottle(clock)

    def wait() -> int:
        return throttle.wait_seconds(keys, limit=3, window=60)

    throttle.failed(keys, window=60)
    assert wait() == 1  # 1 s after the first failure
    clock.now += 1
    assert wait() == 0
    throttle.failed(keys, window=60)
    assert wait() == 2  # 2 s after the second
    clock.now += 2
    assert throttle.failed(keys, window=60) == 3
    assert wait() == 57  # locked: three failures within 60 s, the first of them 3 s ago
    clock.now += 57
    assert wait() == 0  # the first failure left the window; the last two are older than their 2 s pause
    throttle.succeeded(keys)
    assert wait() == 0


def test_a_client_address_is_throttled_across_its_sessions():
    throttle = SignInThrottle(Clock())
    throttle.failed(["session:a", "address:203.0.113.9"], window=60)
    assert throttle.wait_seconds(["session:b", "address:203.0.113.9"], limit=5, window=60) == 1
    assert throttle.wait_seconds(["session:c", "address:198.51.100.1"], limit=5, window=60) == 0


def test_processes_serving_one_store_count_an_address_together(tmp_path):
    # Two processes behind nginx (scripts/serve.sh) on the same store: one file, one count per address.
    path = tmp_path / access.SIGN_IN_FAILURES_FILE
    script = ("import sys; from socieux.access import SignInThrottle; from pathlib import Path; "
              "SignInThrottle(path=Path(sys.argv[1])).failed(['session:x', 'address:203.0.113.9'], window=600)")
    for _ in range(2):
        subprocess.run([sys.executable, "-c", script, str(path)], cwd=PROJECT_ROOT, check=True, timeout=60)
    here = SignInThrottle(path=path)
    # Two failures of that address in other processes: a third locks it here (limit 3), a fresh session too.
    assert here.failed(["session:y", "address:203.0.113.9"], window=600) == 3
    assert here.wait_seconds(["session:z", "address:203.0.113.9"], limit=3, window=600) > 590
    assert here.wait_seconds(["session:z", "address:198.51.100.1"], limit=3, window=600) == 0
    # Neither the address nor the session names are written in clear.
    assert b"203.0.113.9" not in path.read_bytes() and b"session:x" not in path.read_bytes()


def test_the_lockout_is_configured_in_the_environment_when_the_secrets_say_nothing(monkeypatch):
    monkeypatch.setenv("SOCIEUX_LOCKOUT_FAILURES", "3")
    monkeypatch.setenv("SOCIEUX_LOCKOUT_MINUTES", "oops")  # not a number: the default stays
    assert access.lockout_policy() == (3, access.LOCKOUT_MINUTES)


def sign_in(at: AppTest, name: str, password: str) -> list[str]:
    at.text_input(key="staff_name").input(name)
    at.text_input(key="staff_password").input(password)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return [e.value for e in at.sidebar.error]


def test_wrong_passwords_wait_then_lock_without_sleeping_and_are_logged_without_the_password(app_env, monkeypatch, caplog):
    clock = Clock()
    monkeypatch.setattr(access, "_THROTTLE", SignInThrottle(clock))
    checked = []
    monkeypatch.setattr(access, "verify_password", lambda password, stored: checked.append(password) or False)
    never_sleep = SimpleNamespace(monotonic=time.monotonic, sleep=lambda seconds: pytest.fail("a sign-in never sleeps"))
    monkeypatch.setattr(access, "time", never_sleep)
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["staff"] = {"password_hash": "pbkdf2_sha256$1000$c2FsdA==$aGFzaA==", "lockout_failures": 2,
                           "lockout_minutes": 1}
    at.run()
    with caplog.at_level(logging.WARNING, logger="socieux.access"):
        assert sign_in(at, "Ana", "guess one") == ["Wrong password. Try again in 1 s."]
        assert sign_in(at, "Ana", "guess two") == ["Too many failed attempts: try again in 1 s."]
        assert checked == ["guess one"]  # the second guess was not even checked
        clock.now += 1
        # two failures within the minute lock the session until the first is 60 s old: 1 s has passed
        assert sign_in(at, "Ana", "guess three") == [
            "Wrong password. 2 failed attempts within 1 min: sign-in is locked; try again in 59 s."]
        assert sign_in(at, "Ana", "guess four") == ["Too many failed attempts: try again in 59 s."]
    records = [r.getMessage() for r in caplog.records if r.name == "socieux.access"]
    assert records == ["Staff sign-in failed: name 'Ana' from this server, 1 failure(s) in 1 min",
                       "Staff sign-in failed: name 'Ana' from this server, 2 failure(s) in 1 min, locked"]


def test_the_signed_in_name_is_shown_as_plain_text(app_env):
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["staff"] = {"password_hash": hash_password(PASSWORD, iterations=1_000)}
    at.run()
    name = "**Ana** [home](javascript:alert(1))"
    sign_in(at, name, PASSWORD)
    assert f"Signed in as staff: {escape_markdown(name)}" in [c.value for c in at.sidebar.caption]


# -- Deleting old versions --------------------------------------------------------------------------


def test_old_versions_can_be_deleted_never_the_current_nor_the_newest_and_the_history_says_so(store):
    for code in ("2021-01", "2021-02"):
        load(store, {"request_action": request_rows([code])})
    restore_version(store, 1, "Ben")
    assert [v.version_id for v in deletable_versions(store, keep_newest=1)] == [2]
    delete_version(store, 2, "Ana", keep_newest=1)
    assert [v.version_id for v in store.versions()] == [1, 3] and store.current().version_id == 1
    for version_id, why in [(1, "it is the current version"), (3, "it is one of the newest 1 versions, which are "
                            "always kept"), (2, "it does not exist any more")]:
        with pytest.raises(VersionKept, match=f"^Version {version_id} cannot be deleted: {why}.$"):
            delete_version(store, version_id, "Ana", keep_newest=1)
    deleted = version_history(store).query("Event == 'Deleted'")
    assert deleted[["Version", "Who", "File"]].values.tolist() == [[2, "Ana", "pmt_export.xlsx"]]


def test_staff_delete_an_old_version_on_the_history_page(store, monkeypatch):
    monkeypatch.setenv("SOCIEUX_KEEP_NEWEST_VERSIONS", "1")
    load(store, {"request_action": request_rows(["2021-01"])})
    at = signed_in("pages/history.py")
    assert at.selectbox(key="delete_choice").options == [
        "Version 1: data/bundled/requests_2016_2020.csv, data as of 2020-09-28, loaded by bundled data"]
    assert button(at, "Delete").disabled  # not before the confirmation
    at.checkbox(key="delete_confirm").check().run()
    button(at, "Delete").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [v.version_id for v in store.versions()] == [2]
    assert "Version 1 was deleted; the history keeps the record." in [s.value for s in at.success]
    assert at.dataframe[0].value["Event"].tolist() == ["Deleted", "Loaded"]
    assert "No version can be deleted: the current version and the newest 1 are always kept." in [i.value for i in at.info]


# -- Links ------------------------------------------------------------------------------------------

TOO_MANY = "&".join(f"country=C{i}" for i in range(1001))


def test_streamlit_still_drops_a_query_string_of_more_than_1000_parameters():
    # When this fails Streamlit reads such links itself: watch_for_unreadable_links can go.
    assert query_params.sanitize_query_string(TOO_MANY) == ""


def test_a_link_the_server_cannot_read_whole_arrives_marked(monkeypatch):
    monkeypatch.setattr(app_session, "sanitize_query_string", app_session.sanitize_query_string)  # undone after
    sidebar.watch_for_unreadable_links()
    sidebar.watch_for_unreadable_links()  # installing twice wraps once
    assert app_session.sanitize_query_string(TOO_MANY) == "unreadable_link=1"
    assert app_session.sanitize_query_string("region=Africa&period=RP4") == "region=Africa&period=RP4"
    assert app_session.sanitize_query_string("") == ""


def test_a_marked_link_shows_a_message_instead_of_unfiltered_figures(app_env):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["unreadable_link"] = "1"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error[0].value.startswith("This link carries more filter values than the server can read")
    assert not at.get("plotly_chart") and not at.metric


def test_an_unknown_filter_value_is_echoed_short_and_without_direction_controls(app_env):
    hostile = "\u202eyrtnuoC" + "x" * 200 + "\u2066\u200b"
    assert echoed(hostile) == "yrtnuoC" + "x" * 32 + "…"
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["country"] = hostile
    at.run()
    [warning] = [w.value for w in at.sidebar.warning]
    assert warning == f"Not in the data, so nothing matches: Partner country “{escape_markdown(echoed(hostile))}”"
    assert "\u202e" not in "".join(c.value for c in at.caption)


def test_the_data_grids_own_csv_export_is_off_so_every_download_is_neutralised():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True
