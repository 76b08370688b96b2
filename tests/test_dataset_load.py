"""Loading a checked workbook as a new dataset version: replace, preview, refuse, rollback, concurrency, crashes."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from socieux import dataset_compare
from socieux.dataset_compare import compare_versions, preview_changes
from socieux.dataset_load import CurrentVersionMoved, UploadRefused, publish_upload, upload_meta
from socieux.history import restore_events, restore_version, version_history
from socieux.reference_tables import load_reference_tables
from socieux.startup import ensure_ready, migrate_outdated_upload
from socieux.store import Store, VersionMeta, connect, read_dataset_info, schema_version
from socieux.workbook.model import Issue, ValidationResult
from tests.conftest import PROJECT_ROOT

STAFF = "ana@socieux.example"
AS_OF = date(2021, 8, 31)


@pytest.fixture()
def store(bundled_store_dir, tmp_path) -> Store:
    """A private store starting from the bundled version (copied: building it again takes longer)."""
    root = tmp_path / "store"
    shutil.copytree(bundled_store_dir, root)
    return Store(root)


def request_rows(codes: list[str], **overrides) -> pd.DataFrame:
    rows = pd.DataFrame(
        {
            "code": codes,
            "date_received": pd.to_datetime("2021-01-15").date(),
            "country": "Cambodia",
            "partner_institution": "Ministry of Labour",
            "title": [f"Support {code}" for code in codes],
            "area_of_work": "Social Protection",
            "gender_relevant": True,
            "disability_relevant": False,
            "status": "Request",
            "working_days": 0.0,
            "as_of": AS_OF,
        }
    )
    return rows.assign(**overrides)


def clean_result(tables: dict[str, pd.DataFrame]) -> ValidationResult:
    return ValidationResult(issues=[Issue("warning", "requests", 2, "title", "tbc", "placeholder", "write it")],
                            tables=tables, as_of=AS_OF)


def load(store: Store, tables: dict[str, pd.DataFrame], content: bytes = b"workbook bytes"):
    result = clean_result(tables)
    return publish_upload(store, result, upload_meta(result, content, "pmt_export.xlsx", STAFF))


def scalar(version, sql: str):
    con = connect(version)
    try:
        return con.execute(sql).fetchall()[0][0]
    finally:
        con.close()


def store_fingerprint(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*")) if path.is_file()
    }


def test_an_upload_replaces_the_tables_it_carries_and_keeps_the_others(store):
    before = store.current()
    targets_before = scalar(before, "SELECT count(*) FROM target")
    new = load(store, {"request_action": request_rows(["2021-01", "2021-02"], working_days=10.0)}, b"the exact bytes")

    assert store.current() == new and new.version_id == before.version_id + 1
    assert scalar(new, "SELECT string_agg(code, ',' ORDER BY code) FROM request_action") == "2021-01,2021-02"
    assert scalar(new, "SELECT count(*) FROM target") == targets_before  # not in the workbook: kept
    # the demo activities follow the new requests: generated again for them, none left for the old codes (the
    # bundled data's only real activities are the report's published ones, of codes that are gone)
    assert scalar(new, "SELECT count(*) FROM activity WHERE code NOT IN ('2021-01', '2021-02')") == 0
    assert scalar(new, "SELECT bool_and(is_synthetic) FROM expert_assignment") is True
    assert scalar(new, "SELECT sum(working_days) FROM expert_assignment") == 20
    assert scalar(new, "SELECT count(*) FROM partner_country") == 154
    con = connect(new)
    info = read_dataset_info(con)
    # the views are built on the new data
    assert con.execute("SELECT count(*) FROM request_action").fetchall()[0][0] == 2
    con.close()
    assert info["loaded_by"] == STAFF and info["file_name"] == "pmt_export.xlsx" and info["kind"] == "upload"
    assert info["sha256"] == hashlib.sha256(b"the exact bytes").hexdigest()
    assert info["as_of"] == AS_OF and info["schema_version"] == schema_version()
    assert info["has_synthetic"] is True  # the synthetic activities generated for the new requests
    assert scalar(before, "SELECT count(*) FROM request_action") == 145  # the old version is untouched


def test_statuses_and_countries_from_a_workbook_add_definitions_kept_by_later_uploads(store):
    statuses = pd.DataFrame({"status": ["Paused"], "stage": ["action_implementation"], "closure_type": [None]})
    countries = pd.DataFrame({"country": ["West Africa"], "region": ["Africa"], "is_eligible": [True]})
    first = load(store, {"status": statuses, "partner_country": countries,
                         "request_action": request_rows(["2021-01"], status="Paused", country="West Africa")})
    assert scalar(first, "SELECT count(*) FROM status") == 25
    assert scalar(first, "SELECT label FROM status WHERE status = 'Paused'") == "Paused"
    assert scalar(first, "SELECT count(*) FROM partner_country") == 155
    assert scalar(first, "SELECT stage FROM request_action_view WHERE code = '2021-01'") == "action_implementation" \
        if _has_view(first, "request_action_view") else True
    second = load(store, {"request_action": request_rows(["2021-02"])})
    assert scalar(second, "SELECT count(*) FROM status WHERE status = 'Paused'") == 1
    assert scalar(second, "SELECT count(*) FROM partner_country WHERE country = 'West Africa'") == 1


def _has_view(version, name: str) -> bool:
    return bool(scalar(version, f"SELECT count(*) FROM duckdb_views() WHERE view_name = '{name}'"))


def test_the_preview_counts_rows_added_changed_and_removed_by_key(store):
    con = connect(store.current())
    current = con.execute("SELECT * EXCLUDE (extra) FROM request_action WHERE code IN ('2016-11', '2016-12', '2016-13')").df()
    current.loc[current["code"] == "2016-11", "title"] = "A new title"
    upload = pd.concat([current, request_rows(["2021-01"])], ignore_index=True)
    statuses = pd.DataFrame({"status": ["Paused", "Ongoing"], "stage": ["request", "action_implementation"]})
    preview = preview_changes(con, clean_result({"request_action": upload, "status": statuses})).set_index("Table")
    con.close()
    # 145 current requests: 2016-11 changed, 2016-12 and 2016-13 unchanged, 2021-01 added, 142 removed.
    assert preview.loc["request_action", ["Added", "Changed", "Unchanged", "Removed", "Rows after loading"]].tolist() == [
        1, 1, 2, 142, 4]
    # statuses add: Paused new, Ongoing already known (label and order differ, so it counts as changed); none removed.
    assert preview.loc["status", ["Added", "Removed", "Rows after loading"]].tolist() == [1, 0, 25]


def test_two_versions_are_compared_row_by_row_only_in_the_tables_whose_rows_differ(store, monkeypatch):
    before = store.current()
    con = connect(before)
    requests = con.execute("SELECT * EXCLUDE (extra) FROM request_action").df()
    con.close()
    requests.loc[requests["code"] == "2016-11", "title"] = "A new title"  # as many rows, one field differs
    after = load(store, {"request_action": requests})
    compared_row_by_row = []
    diff_table = dataset_compare._diff_table
    monkeypatch.setattr(dataset_compare, "_diff_table",
                        lambda cur, table, *args, **kw: compared_row_by_row.append(table) or diff_table(cur, table, *args, **kw))

    comparison = compare_versions(before, after)

    summary = comparison.summary.set_index("Table")
    assert summary.loc["request_action", ["Added", "Changed", "Unchanged", "Removed"]].tolist() == [0, 1, 144, 0]
    request_fields = comparison.fields[comparison.fields["Table"] == "request_action"]
    assert request_fields[["Record", "Field", "After"]].values.tolist() == [["2016-11", "title", "A new title"]]
    assert comparison.codes.values.tolist() == [["2016-11", "Changed"]]
    assert "request_action" in compared_row_by_row
    # tables the upload did not carry hold the same rows: one scan each tells them apart, no row-by-row join
    assert "target" not in compared_row_by_row and "partner_country" not in compared_row_by_row
    assert "target" not in summary.index  # the summary lists the tables that changed
    compared_row_by_row.clear()
    assert compare_versions(before, before).no_change and compared_row_by_row == []


def test_an_upload_with_errors_is_refused_and_the_store_is_unchanged_to_the_byte(store):
    before = store_fingerprint(store.root)
    result = ValidationResult(
        issues=[Issue("error", "requests", 7, "status", "Finished?", "unknown status", "use a known status")],
        tables={"request_action": request_rows(["2021-01"])}, as_of=AS_OF,
    )
    with pytest.raises(UploadRefused, match="has 1 error: nothing was loaded"):
        publish_upload(store, result, upload_meta(result, b"x", "bad.xlsx", STAFF))
    assert store_fingerprint(store.root) == before


def test_a_table_the_schema_does_not_know_is_refused_before_anything_is_written(store):
    before = store_fingerprint(store.root)
    with pytest.raises(UploadRefused, match="no table"):
        load(store, {"request_action; DROP TABLE expert": request_rows(["2021-01"])})
    with pytest.raises(UploadRefused, match="no column"):
        load(store, {"request_action": request_rows(["2021-01"]).assign(**{'title" , x': "y"})})
    assert store_fingerprint(store.root) == before
    assert not list(store.versions_dir.glob(".building-*"))


def test_rollback_is_recorded_and_the_history_lists_every_load_and_restore(store):
    first = store.current()
    new = load(store, {"request_action": request_rows(["2021-01"])})
    restored = restore_version(store, first.version_id, "Ana (staff password)")
    assert store.current() == first == restored
    assert [(e.by, e.from_version, e.to_version) for e in restore_events(store)] == [
        ("Ana (staff password)", new.version_id, first.version_id)]

    history = version_history(store)
    assert history["Event"].tolist() == ["Restored (was v2)", "Loaded", "Loaded"]
    loads = history[history["Event"] == "Loaded"].set_index("Version")
    assert loads.loc[2, "Requests"] == 1 and loads.loc[1, "Requests"] == 145
    assert loads.loc[2, "Who"] == STAFF and loads.loc[2, "File"] == "pmt_export.xlsx"
    assert loads.loc[2, "SHA-256"] == hashlib.sha256(b"workbook bytes").hexdigest()
    assert loads["Current"].to_dict() == {2: False, 1: True}
    with pytest.raises(KeyError):
        restore_version(store, 99, "Ana (staff password)")
    assert len(restore_events(store)) == 1



def test_the_history_reads_each_version_file_once(store, monkeypatch):
    import socieux.history as history

    load(store, {"request_action": request_rows(["2021-01"])})
    opened = []
    real_connect = history.connect
    monkeypatch.setattr(history, "connect", lambda version: opened.append(version.path) or real_connect(version))
    first = version_history(store)
    second = version_history(store)
    assert sorted(opened) == sorted(v.path for v in store.versions())  # each file opened once, on the first read
    pd.testing.assert_frame_equal(first, second)
    newer = load(store, {"request_action": request_rows(["2021-01", "2021-02"])})
    third = version_history(store)
    assert opened.count(newer.path) == 1
    assert third.set_index("Version").loc[newer.version_id, "Requests"] == 2

def test_a_cut_off_line_in_the_restore_log_does_not_hide_the_others(store):
    restore_version(store, 1, "Ana")
    with open(store.root / "restore_log.jsonl", "a") as log:
        log.write('{"at": "2021-')
    restore_version(store, 1, "Ben")
    assert [e.by for e in restore_events(store)] == ["Ana", "Ben"]


# -- Several processes -----------------------------------------------------------------------------

UPLOAD_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    import pandas as pd
    from socieux.dataset_load import CurrentVersionMoved, publish_upload, upload_meta
    from socieux.store import Store
    from socieux.workbook.model import ValidationResult
    root, tag, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
    codes = [f"{2000 + int(tag)}-{i:02d}" for i in range(1, rows + 1)]
    frame = pd.DataFrame({"code": codes, "country": "Cambodia", "partner_institution": "PI", "title": tag,
                          "area_of_work": "Social Protection", "gender_relevant": False,
                          "disability_relevant": False, "status": "Request", "as_of": date(2021, 8, 31)})
    result = ValidationResult(issues=[], tables={"request_action": frame}, as_of=date(2021, 8, 31))
    meta = upload_meta(result, tag.encode(), f"upload{tag}.xlsx", f"staff{tag}")
    try:  # both prepared against version 1, as two previews shown at the same time
        print(publish_upload(Store(root), result, meta, expected_current=1).version_id)
    except CurrentVersionMoved as refused:
        print(f"refused: {refused}")
    """
)


def python(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kwargs)


def test_two_uploads_prepared_against_the_same_version_one_loads_the_other_is_refused_naming_it(store):
    uploads = [python("-c", UPLOAD_SCRIPT, str(store.root), tag, "3000") for tag in ("21", "22")]
    outputs = [u.communicate(timeout=120) for u in uploads]
    assert [u.returncode for u in uploads] == [0, 0], [err for _, err in outputs]
    answers = sorted(out.strip() for out, _ in outputs)
    assert answers[0] == "2" and answers[1].startswith("refused: ")
    assert len(store.versions()) == 2 and store.current().version_id == 2
    con = connect(store.current())
    info = read_dataset_info(con)
    count, titles = con.execute("SELECT count(*), count(DISTINCT title) FROM request_action").fetchall()[0]
    con.close()
    assert (count, titles) == (3000, 1)  # the one that loaded is complete
    winner = info["loaded_by"]
    assert answers[1] == (
        f"refused: Another version became current while you were checking: {winner} loaded version 2 "
        f"(upload{winner.removeprefix('staff')}.xlsx, data as of 31 Aug 2021) at {info['loaded_at']:%H:%M on %d %b %Y}. "
        "Reload the page, check the new preview, press Replace again."
    )
    assert not list(store.versions_dir.glob(".building-*"))


def test_a_restore_confirmed_against_a_version_that_is_no_longer_current_is_refused(store):
    load(store, {"request_action": request_rows(["2021-01"])})
    load(store, {"request_action": request_rows(["2021-02"])})
    restore_version(store, 1, "Ben", expected_current=3)
    with pytest.raises(CurrentVersionMoved, match="Ben restored version 1 at .* confirm the restore again"):
        restore_version(store, 2, "Ana", expected_current=3)
    assert store.current().version_id == 1 and [e.by for e in restore_events(store)] == ["Ben"]


KILLED_LOAD = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from socieux.store import Store, VersionMeta
    def populate(con):
        con.execute("INSERT INTO region VALUES ('Half-way', 1)")
        print("building", flush=True)
        time.sleep(60)
    Store(sys.argv[1]).publish(populate, VersionMeta(date(2021, 8, 31), "staff", "test", False))
    """
)


def test_a_load_killed_half_way_leaves_the_previous_version_and_a_clean_next_start(store):
    before = store.current()
    pointer = (store.root / "CURRENT").read_bytes()
    loading = python("-c", KILLED_LOAD, str(store.root))
    assert loading.stdout.readline().strip() == "building"
    assert list(store.versions_dir.glob(".building-*"))  # half-built, not yet a version
    os.kill(loading.pid, signal.SIGKILL)
    loading.wait(timeout=30)
    loading.stdout.close(), loading.stderr.close()

    assert (store.root / "CURRENT").read_bytes() == pointer and store.current() == before
    assert store.versions() == [before]
    assert ensure_ready(store) == before  # the next start serves the previous version
    new = load(store, {"request_action": request_rows(["2021-01"])})
    assert not list(store.versions_dir.glob(".building-*"))
    assert new.version_id == before.version_id + 1


READER = textwrap.dedent(
    """
    import sys
    from socieux.ui.data import current_version
    for line in sys.stdin:
        print(current_version().version_id, flush=True)
    """
)


def test_another_process_serving_the_same_store_sees_a_new_version_on_its_next_read(store, monkeypatch):
    reader = python("-c", READER, stdin=subprocess.PIPE, env={**os.environ, "SOCIEUX_STORE_DIR": str(store.root)})
    try:
        reader.stdin.write("read\n"), reader.stdin.flush()
        assert reader.stdout.readline().strip() == "1"
        new = load(store, {"request_action": request_rows(["2021-01"])})
        reader.stdin.write("read\n"), reader.stdin.flush()
        assert reader.stdout.readline().strip() == str(new.version_id)
        restore_version(store, 1, "Ana")
        reader.stdin.write("read\n"), reader.stdin.flush()
        assert reader.stdout.readline().strip() == "1"
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)
        reader.stdout.close(), reader.stderr.close()


# -- Schema updates --------------------------------------------------------------------------------


def test_an_upload_built_with_an_older_schema_is_carried_over_to_the_new_one(store):
    def old_layout(con):
        # the old layout had a column the present one dropped; its rows must survive without it
        con.execute("ALTER TABLE request_action ADD COLUMN obsolete_note VARCHAR")
        con.register("rows", request_rows(["2021-01", "2021-02"]).assign(obsolete_note="x"))
        con.execute("INSERT INTO request_action BY NAME SELECT * FROM rows")
        con.unregister("rows")
        con.execute("INSERT INTO stage VALUES ('request', 'Request', 1)")

    meta = VersionMeta(AS_OF, STAFF, "Workbook old.xlsx", False, "old.xlsx", "ab" * 32)
    old = store.publish(old_layout, meta, schema="old-schema")
    migrated = ensure_ready(store)

    assert migrated.version_id == old.version_id + 1 and store.current() == migrated
    con = connect(migrated)
    info = read_dataset_info(con)
    codes = con.execute("SELECT string_agg(code, ',' ORDER BY code) FROM request_action").fetchall()[0][0]
    con.close()
    assert codes == "2021-01,2021-02"
    assert info["schema_version"] == schema_version()
    assert (info["loaded_by"], info["file_name"], info["sha256"], info["as_of"]) == (STAFF, "old.xlsx", "ab" * 32, AS_OF)
    assert ensure_ready(store) == migrated  # done once
    assert migrate_outdated_upload(store) == migrated


def _status_sets(version) -> set[str]:
    con = connect(version)
    try:
        return {row[0] for row in con.execute("SELECT DISTINCT set_name FROM status_set").fetchall()}
    finally:
        con.close()


def _csv_status_sets() -> set[str]:
    with open(PROJECT_ROOT / "data" / "reference" / "status_sets.csv", newline="") as handle:
        return {row["set_name"] for row in csv.DictReader(handle)}


def test_a_status_set_added_to_data_reference_reaches_an_older_upload_when_it_is_carried_over_or_loaded_on(store):
    def old_sets(con):  # an upload of a time before the sets 'fractioned' and 'non_eligible' existed
        load_reference_tables(con)
        con.register("rows", request_rows(["2021-01"]))
        con.execute("INSERT INTO request_action BY NAME SELECT * FROM rows")
        con.unregister("rows")
        con.execute("DELETE FROM status_set WHERE set_name IN ('fractioned', 'non_eligible')")

    meta = VersionMeta(AS_OF, STAFF, "Workbook old.xlsx", False, "old.xlsx", "ab" * 32)
    old = store.publish(old_sets, meta, schema="old-schema")
    assert {"fractioned", "non_eligible"} & _status_sets(old) == set()

    migrated = ensure_ready(store)
    assert _status_sets(migrated) == _csv_status_sets()
    newer = load(store, {"request_action": request_rows(["2021-02"])})
    assert _status_sets(newer) == _csv_status_sets()


def test_the_bundled_version_is_never_migrated_as_an_upload(store):
    assert migrate_outdated_upload(store) == store.current()
    assert len(store.versions()) == 1


# -- Size ------------------------------------------------------------------------------------------


def test_a_large_workbook_loads_whole(store):
    # The time of a 200,000-row load is measured by the benchmark (scripts/benchmark.py), not here.
    codes = [f"{2000 + i // 10000}-{i % 10000:04d}" for i in range(2_000)]
    rows = request_rows(codes, working_days=2.5, expenditure_eur=1234.5)
    result = clean_result({"request_action": rows})
    con = connect(store.current())
    started = time.perf_counter()
    preview = preview_changes(con, result)
    previewed = time.perf_counter()
    con.close()
    version = publish_upload(store, result, upload_meta(result, b"big", "big.xlsx", STAFF))
    loaded = time.perf_counter()
    print(f"\n2,000 requests: preview {previewed - started:.2f} s, load {loaded - previewed:.2f} s")
    assert preview.set_index("Table").loc["request_action", "Added"] == 2_000
    assert scalar(version, "SELECT count(*) FROM request_action") == 2_000
