"""Start-up on a store written before a version said what it is: each version's kind comes from who loaded it."""

from datetime import date

import duckdb
import pytest

from socieux.startup import ensure_ready, migrate_outdated_upload
from socieux.store import Store, VersionMeta, connect, read_dataset_info, schema_version

AS_OF = date(2021, 8, 31)


def old_version(store: Store, loaded_by: str, schema: str = "old-layout"):
    """A version as the layout before ``kind`` wrote it: no kind column in its dataset_info."""
    meta = VersionMeta(AS_OF, loaded_by, "Workbook old.xlsx", False, "old.xlsx")
    def populate(con):
        con.execute("INSERT INTO stage VALUES ('request', 'Request', 1)")
        con.execute("INSERT INTO status VALUES ('Request', 'Request', 'request', NULL, 'Received request', 1)")

    version = store.publish(populate, meta, schema=schema)
    con = duckdb.connect(str(version.path))
    try:
        con.execute("ALTER TABLE dataset_info DROP COLUMN kind")
    finally:
        con.close()
    return version


def stored(version) -> tuple:
    """The kind a version's file holds (None before it had one), who loaded it, its schema and its status rows.

    Statuses are carried from version to version; the stages, a code list of the project, are read afresh.
    """
    con = connect(version)
    try:
        columns = {row[0] for row in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = 'dataset_info'").fetchall()}
        kind = con.execute("SELECT kind FROM dataset_info").fetchall()[0][0] if "kind" in columns else None
        info = read_dataset_info(con)
        statuses = con.execute("SELECT count(*) FROM status").fetchall()[0][0]
    finally:
        con.close()
    return kind, info["kind"], info["loaded_by"], info["schema_version"], statuses


@pytest.mark.parametrize(("loaded_by", "kind"), [
    ("bundled data", "bundled"), ("synthetic benchmark", "benchmark"), ("Ana (staff password)", "upload"),
])
def test_a_version_written_before_kind_existed_gets_it_from_who_loaded_it(tmp_path, loaded_by, kind):
    version = old_version(Store(tmp_path), loaded_by)
    assert stored(version) == (None, kind, loaded_by, "old-layout", 1)


@pytest.mark.parametrize(("loaded_by", "kind"), [
    ("Ana (staff password)", "upload"), ("synthetic benchmark", "benchmark"),
])
def test_an_old_upload_or_benchmark_is_carried_over_with_its_kind_stored(tmp_path, loaded_by, kind):
    store = Store(tmp_path)
    old = old_version(store, loaded_by)
    carried = ensure_ready(store)
    assert carried.version_id == old.version_id + 1 and store.current() == carried
    assert stored(carried) == (kind, kind, loaded_by, schema_version(), 1)
    assert ensure_ready(store) == carried  # done once


def test_an_old_bundled_version_is_never_carried_over_as_an_upload(tmp_path):
    store = Store(tmp_path)
    old = old_version(store, "bundled data", schema="bundled-old")
    assert migrate_outdated_upload(store) == old
    assert store.versions() == [old]


def test_a_version_of_no_known_kind_is_refused_and_nothing_is_published(tmp_path):
    store = Store(tmp_path)
    meta = VersionMeta(AS_OF, "Ana", "test", False, kind="draft")
    with pytest.raises(duckdb.ConstraintException):
        store.publish(lambda con: None, meta)
    assert store.versions() == [] and store.current() is None
