"""The versioned store: atomic publish, nothing changes on failure, rollback, clean restart."""

from datetime import date

import pytest

from socieux.bundled import BUNDLED_LOADED_BY, populate_bundled
from socieux.startup import ensure_ready
from socieux.store import (
    KEYS_CHECKED_ON_PUBLISH,
    QUERY_THREADS_VARIABLE,
    DuplicateKey,
    Store,
    VersionMeta,
    connect,
    read_dataset_info,
)

META = VersionMeta(as_of=date(2021, 8, 31), loaded_by="staff@example.org", source="test", has_synthetic=False)


def received(version):
    con = connect(version)
    try:
        return con.execute("SELECT count(*) FROM request_action").fetchone()[0]
    finally:
        con.close()


def test_first_start_builds_the_bundled_version_once(tmp_path):
    store = Store(tmp_path)
    first = ensure_ready(store)
    second = ensure_ready(store)
    assert first == second == store.current()
    assert [v.version_id for v in store.versions()] == [1]
    assert received(first) == 145
    con = connect(first)
    assert read_dataset_info(con)["loaded_by"] == BUNDLED_LOADED_BY
    assert read_dataset_info(con)["kind"] == "bundled"
    con.close()


def test_publish_makes_a_new_current_version_and_keeps_the_old(tmp_path):
    store = Store(tmp_path)
    old = ensure_ready(store)

    def two_requests(con):
        populate_bundled(con)
        con.execute("DELETE FROM request_action WHERE code NOT IN ('2016-11', '2016-12')")

    new = store.publish(two_requests, META)
    assert store.current() == new and new.version_id == 2
    assert (received(old), received(new)) == (145, 2)


def test_a_failing_load_changes_nothing(tmp_path):
    store = Store(tmp_path)
    before = ensure_ready(store)
    pointer = (tmp_path / "CURRENT").read_bytes()
    file_bytes = before.path.read_bytes()

    def broken(con):
        populate_bundled(con)
        raise ValueError("bad workbook")

    with pytest.raises(ValueError, match="bad workbook"):
        store.publish(broken, META)
    assert (tmp_path / "CURRENT").read_bytes() == pointer
    assert before.path.read_bytes() == file_bytes
    assert store.versions() == [before]
    assert not list((tmp_path / "versions").glob(".building-*"))


@pytest.mark.parametrize("table", sorted(KEYS_CHECKED_ON_PUBLISH))
def test_a_key_held_twice_in_a_large_table_refuses_the_version(tmp_path, table):
    """The keys checked when a version is written instead of indexed refuse a duplicate as a primary key would."""
    store = Store(tmp_path)
    before = ensure_ready(store)
    key = KEYS_CHECKED_ON_PUBLISH[table]

    def duplicated(con):
        populate_bundled(con)
        con.execute(f"INSERT INTO {table} SELECT * FROM {table} ORDER BY {', '.join(key)} LIMIT 1")

    con = connect(before)
    first = con.execute(f"SELECT {', '.join(key)} FROM {table} ORDER BY {', '.join(key)} LIMIT 1").fetchone()
    con.close()
    named = ", ".join(f"{column} {value!r}" for column, value in zip(key, first))
    with pytest.raises(DuplicateKey, match=f"Table {table} holds 2 rows with {named}; each must be unique"):
        store.publish(duplicated, META)
    assert store.versions() == [before] and store.current() == before


def test_a_version_is_built_within_a_bounded_memory(tmp_path):
    """Beyond its budget DuckDB spills to disk: without one, a carry-over of the full-size dataset took 9 GB."""
    seen = {}

    def populate(con):
        populate_bundled(con)
        seen["limit"] = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]

    Store(tmp_path).publish(populate, META)
    assert seen["limit"] == "1.8 GiB"  # 2 GB, as DuckDB writes it; its default is 80% of the machine's memory


def test_reading_connections_take_the_threads_the_server_gives_them(tmp_path, monkeypatch):
    """scripts/serve.sh gives each process its share of the cores; unset, DuckDB keeps its own default."""
    version = ensure_ready(Store(tmp_path))

    def threads() -> int:
        con = connect(version)
        try:
            return con.execute("SELECT current_setting('threads')").fetchone()[0]
        finally:
            con.close()

    monkeypatch.delenv(QUERY_THREADS_VARIABLE, raising=False)
    default = threads()
    monkeypatch.setenv(QUERY_THREADS_VARIABLE, "1")
    assert threads() == 1
    monkeypatch.setenv(QUERY_THREADS_VARIABLE, "3")
    assert threads() == 3
    monkeypatch.setenv(QUERY_THREADS_VARIABLE, "")
    assert threads() == default
    for wrong in ("0", "two", "-1"):
        monkeypatch.setenv(QUERY_THREADS_VARIABLE, wrong)
        with pytest.raises(ValueError, match=f"SOCIEUX_QUERY_THREADS must be a whole number of at least 1, not '{wrong}'"):
            connect(version)


def test_a_published_version_counts_experts_and_activities_on_bitmaps_exactly(tmp_path):
    """count_experts / count_activities: bits set in a bitmap over dense numbers, the same as distinct counts."""
    con = connect(ensure_ready(Store(tmp_path)))
    try:
        macros = {row[0] for row in con.execute(
            "SELECT function_name FROM duckdb_functions() WHERE macro_definition LIKE '%bitstring_agg%'").fetchall()}
        assert {"count_experts", "count_activities"} <= macros
        rows = con.execute("""
            SELECT rp, count_experts(expert_no), count(DISTINCT expert_id),
                   count_activities(activity_key), count(DISTINCT (code, activity_no))
            FROM v_assignment GROUP BY ROLLUP (rp) ORDER BY rp NULLS LAST""").fetchall()
    finally:
        con.close()
    assert len(rows) > 2 and rows[-1][0] is None
    for period, experts_bitmap, experts, activities_bitmap, activities in rows:
        assert (experts_bitmap, activities_bitmap) == (experts, activities), period
    assert rows[-1][2] > rows[0][2] > 0


def test_restore_points_back_to_an_earlier_version(tmp_path):
    store = Store(tmp_path)
    first = ensure_ready(store)
    store.publish(lambda con: None, META)
    assert received(store.current()) == 0
    store.restore(first.version_id)
    assert store.current() == first and received(store.current()) == 145
    with pytest.raises(KeyError, match="no dataset version 9"):
        store.restore(9)


def test_leftovers_of_a_killed_load_are_removed_on_the_next_publish(tmp_path):
    store = Store(tmp_path)
    ensure_ready(store)
    leftover = tmp_path / "versions" / ".building-deadbeef.duckdb"
    leftover.write_bytes(b"half a database")
    spilled = tmp_path / "versions" / ".building-deadbeef.duckdb.tmp"
    spilled.mkdir()
    (spilled / "duckdb_temp_storage-0.tmp").write_bytes(b"spilled rows")
    store.publish(lambda con: None, META)
    assert not leftover.exists()
    assert not spilled.exists()


def test_an_outdated_bundled_version_is_rebuilt(tmp_path, monkeypatch):
    store = Store(tmp_path)
    ensure_ready(store)
    monkeypatch.setattr("socieux.bundled.bundle_fingerprint", lambda: "bundled-changed")
    rebuilt = ensure_ready(store)
    assert rebuilt.version_id == 2 and received(rebuilt) == 145


def test_an_uploaded_version_is_never_replaced_by_the_bundle(tmp_path, monkeypatch):
    store = Store(tmp_path)
    ensure_ready(store)
    uploaded = store.publish(populate_bundled, META)
    monkeypatch.setattr("socieux.bundled.bundle_fingerprint", lambda: "bundled-changed")
    assert ensure_ready(store) == uploaded


def _bundled_with_views():
    """The bundled data in memory with the shared views, not yet materialised (a version being published)."""
    import duckdb

    from socieux.store import create_schema, create_views

    con = duckdb.connect(":memory:")
    create_schema(con)
    populate_bundled(con)
    con.execute(
        "INSERT INTO dataset_info VALUES (1, DATE '2021-08-31', now(), 'test', NULL, NULL, 'test', 'test', true, 'upload')"
    )
    create_views(con)
    return con


def test_materialised_views_hold_exactly_the_rows_of_their_definitions():
    from socieux.store import materialise_views

    con = _bundled_with_views()
    views = ["v_request", "v_activity", "v_assignment", "v_assignment_cost", "v_survey_response", "v_call",
             "v_request_spending", "v_request_with_implemented_activity", "v_status_at_period_end",
             "v_request_at_period_end", "v_activity_key", "v_survey_answer", "v_activity_days", "v_indicator_period",
             "v_expert_registrations", "v_request_type", "v_typed_request", "v_receipt_decision"]
    defined = {view: con.execute(f"SELECT * FROM {view}").fetchall() for view in views}
    materialise_views(con)
    for view in views:
        stored = con.execute(f"SELECT * FROM {view}").fetchall()
        assert len(stored) == len(defined[view]) > 0, view
        assert sorted(stored, key=repr) == sorted(defined[view], key=repr), view
    stored_tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "survey_response_derived" in stored_tables
    con.close()


EXPERT_SETS = """
    WITH per_period AS (
        SELECT rp, expert_set(expert_no) AS experts, count(DISTINCT expert_id) AS distinct_experts
        FROM v_assignment GROUP BY rp
    )
    SELECT a.rp, expert_set_size(any_value(a.experts)), any_value(a.distinct_experts),
           expert_set_size(expert_set_union(b.experts)),
           (SELECT count(DISTINCT x.expert_id) FROM v_assignment x WHERE x.rp <= a.rp)
    FROM per_period a JOIN per_period b ON b.rp <= a.rp
    GROUP BY a.rp ORDER BY a.rp
"""


def test_sets_of_experts_count_and_unite_exactly_as_lists_and_as_bitmaps():
    """expert_set / expert_set_union / expert_set_size (views.sql): each period's distinct experts and those of
    every period up to it, the same as distinct counts, before a version is published (lists) and after (bitmaps)."""
    from socieux.store import materialise_views

    con = _bundled_with_views()
    as_lists = con.execute(EXPERT_SETS).fetchall()
    materialise_views(con)
    assert "bit_or" in con.execute(
        "SELECT macro_definition FROM duckdb_functions() WHERE function_name = 'expert_set_union'").fetchone()[0]
    as_bitmaps = con.execute(EXPERT_SETS).fetchall()
    con.close()
    assert len(as_lists) > 2
    for period, size, distinct, union_size, distinct_since in as_lists:
        assert (size, union_size) == (distinct, distinct_since), period
    assert as_bitmaps == as_lists
    assert as_lists[-1][3] > as_lists[-1][1]  # the union is more than the last period alone
