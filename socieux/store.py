"""The dataset store: immutable DuckDB files, one per dataset version, and a pointer to the current one.

A version is built in a temporary file, closed, then renamed into ``versions/``; only then does the
``CURRENT`` pointer move, by an atomic rename. A reader therefore sees the old or the new data, never
a mix; a process killed half-way leaves the previous version in place and a temporary file that the
next start removes. Every process reads ``CURRENT`` on each rerun, so several app processes serving
the same directory all see a new version as soon as it is published.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
DEFAULT_STORE_DIR = PROJECT_ROOT / "data" / "store"

_VERSION_FILE = re.compile(r"^v(\d{6})\.duckdb$")
# Readers share the machine with the app and each other: a bounded memory budget (larger queries
# spill to disk) keeps a process under 3 GB on the full-size benchmark dataset; at 1 GB some
# assignment queries over 10 million rows ran out of memory.
READ_SETTINGS = {"memory_limit": "2GB"}
# Threads per reading connection: DuckDB's default (every core) unless SOCIEUX_QUERY_THREADS says otherwise.
# scripts/serve.sh runs one process per core and gives each its share, so that processes answering viewers at
# once do not each start a thread per core (docs/deploy.md).
QUERY_THREADS_VARIABLE = "SOCIEUX_QUERY_THREADS"
# A version being built (an upload, a carry-over to a new layout) is bounded too: without it DuckDB keeps what it
# writes in memory, 9 GB resident to carry the full-size benchmark dataset over to a new layout.
BUILD_SETTINGS = {"memory_limit": "2GB"}

# What a version is (dataset_info.kind); who loaded it is ``loaded_by`` (docs/definitions.md, "Kinds of version").
BUNDLED, UPLOAD, BENCHMARK = "bundled", "upload", "benchmark"
# A version written before ``kind`` existed named its kind in ``loaded_by``; any other name was an upload.
KIND_BEFORE_IT_WAS_STORED = {"bundled data": BUNDLED, "synthetic benchmark": BENCHMARK}

# The keys of the tables that grow with the activities, checked once when a version is written instead of
# declared as primary keys: DuckDB holds a primary key's index in memory while rows are written (about 120 MB
# per million two-column text keys), which for the benchmark's 60 million such rows would not fit in the 3 GB a
# build may use. A version is immutable, so one check before it is published keeps them unique for good
# (docs/definitions.md, "Keys of the large tables").
KEYS_CHECKED_ON_PUBLISH: dict[str, tuple[str, ...]] = {
    "milestone": ("code", "step"),
    "activity": ("code", "activity_no"),
    "expert_assignment": ("assignment_id",),
    "expenditure_line": ("line_id",),
    "call_for_experts": ("call_id",),
    "application": ("call_id", "expert_id"),
}


def schema_version() -> str:
    """Fingerprint of the table and view definitions a version was built with."""
    digest = hashlib.sha256()
    for sql_file in sorted(SCHEMA_DIR.glob("*.sql")):
        digest.update(sql_file.read_bytes())
    return digest.hexdigest()[:16]


def store_dir() -> Path:
    """The store directory: ``SOCIEUX_STORE_DIR`` if set, else ``data/store`` in the project."""
    return Path(os.environ.get("SOCIEUX_STORE_DIR", DEFAULT_STORE_DIR))


@dataclass(frozen=True)
class Version:
    version_id: int
    path: Path

    @property
    def label(self) -> str:
        return f"v{self.version_id}"


@dataclass(frozen=True)
class VersionMeta:
    """What is recorded about a dataset version when it is published."""

    as_of: date
    loaded_by: str
    source: str
    has_synthetic: bool
    file_name: str | None = None
    sha256: str | None = None
    kind: str = UPLOAD


def schema_files(kind: str) -> list[Path]:
    """The schema files of one kind ("tables" or "views") in load order: ``<kind>.sql``, then ``<kind>_*.sql`` by name."""
    return [SCHEMA_DIR / f"{kind}.sql", *sorted(SCHEMA_DIR.glob(f"{kind}_*.sql"))]


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table of a dataset version in an empty database."""
    for sql_file in schema_files("tables"):
        con.execute(sql_file.read_text())


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create the shared views and macros (after the tables are filled)."""
    for sql_file in schema_files("views"):
        con.execute(sql_file.read_text())


def materialise_views(con: duckdb.DuckDBPyConnection) -> None:
    """Store the rows of the derived views in the version being published (it never changes afterwards)."""
    con.execute((SCHEMA_DIR / "materialise.sql").read_text())
    # A bitmap needs its size as a constant: the version's number of experts (of activities with an assignment),
    # known now and never changing.
    for macro, numbered in (("count_experts", "v_expert_no"), ("count_activities", "v_activity_key")):
        size = con.execute(f"SELECT count(*) FROM {numbered}").fetchall()[0][0]
        con.execute(
            f"CREATE OR REPLACE MACRO {macro}(numbers) AS "
            f"coalesce(bit_count(bitstring_agg(numbers, 1, {max(int(size), 1)})), 0)"
        )
        if macro == "count_experts":  # the sets of experts of views.sql as bitmaps of the same size
            con.execute(f"CREATE OR REPLACE MACRO expert_set(numbers) AS bitstring_agg(numbers, 1, {max(int(size), 1)})")
            con.execute("CREATE OR REPLACE MACRO expert_set_union(sets) AS bit_or(sets)")
            con.execute("CREATE OR REPLACE MACRO expert_set_size(experts) AS coalesce(bit_count(experts), 0)")


class DuplicateKey(duckdb.ConstraintException):
    """Two rows of a table have the same key: the version is not published (a primary key's error, in words)."""


def check_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Refuse a version in which a key of ``KEYS_CHECKED_ON_PUBLISH`` is held by more than one row."""
    for table, key in KEYS_CHECKED_ON_PUBLISH.items():
        columns = ", ".join(key)
        found = con.execute(
            f"SELECT {columns}, count(*) FROM {table} GROUP BY {columns} HAVING count(*) > 1 "
            f"ORDER BY {columns} LIMIT 1"
        ).fetchall()
        if found:
            *values, rows = found[0]
            named = ", ".join(f"{column} {value!r}" for column, value in zip(key, values))
            raise DuplicateKey(
                f"Table {table} holds {rows} rows with {named}; each must be unique, so the new version was not "
                "published and the current one is unchanged."
            )


class CurrentChanged(Exception):
    """Another version became current than the one a restore was confirmed against; ``current`` is it."""

    def __init__(self, current: Version | None) -> None:
        super().__init__(f"The current version is now {current.label if current else 'none'}.")
        self.current = current


class Store:
    """A directory of dataset versions with one current version."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.versions_dir = self.root / "versions"

    # -- reading ---------------------------------------------------------------------------------

    def current(self) -> Version | None:
        """The current version, or None before the first build."""
        pointer = self.root / "CURRENT"
        try:
            name = pointer.read_text().strip()
        except FileNotFoundError:
            return None
        match = _VERSION_FILE.match(name)
        if not match or not (self.versions_dir / name).exists():
            return None
        return Version(int(match.group(1)), self.versions_dir / name)

    def versions(self) -> list[Version]:
        """Every published version, oldest first."""
        if not self.versions_dir.exists():
            return []
        found = []
        for path in self.versions_dir.iterdir():
            match = _VERSION_FILE.match(path.name)
            if match:
                found.append(Version(int(match.group(1)), path))
        return sorted(found, key=lambda v: v.version_id)

    def version(self, version_id: int) -> Version:
        for v in self.versions():
            if v.version_id == version_id:
                return v
        raise KeyError(f"There is no dataset version {version_id}.")

    # -- writing ---------------------------------------------------------------------------------

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's write lock: publishers (uploads, restores, first build) take turns."""
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def remove_stale_temporaries(self) -> None:
        """Delete half-built versions left by a process that died while loading (call under the lock)."""
        if self.versions_dir.exists():
            for leftover in self.versions_dir.glob(".building-*"):
                if leftover.is_dir():  # what DuckDB spilled to disk while building
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)

    def publish(
        self,
        populate: Callable[[duckdb.DuckDBPyConnection], None],
        meta: VersionMeta,
        *,
        schema: str | None = None,
        unless: Callable[[], bool] | None = None,
    ) -> Version:
        """Build a new version with ``populate`` and make it current, in one step.

        ``populate`` receives a connection to a database holding the empty tables and fills them;
        if it raises, nothing is published and the current version stays as it was. ``unless`` is
        checked under the lock: when it holds, nothing is built and the current version is returned.
        """
        with self.lock():
            self.remove_stale_temporaries()
            if unless is not None and unless():
                return self.current()
            version_id = max((v.version_id for v in self.versions()), default=0) + 1
            building = self.versions_dir / f".building-{uuid.uuid4().hex}.duckdb"
            try:
                con = duckdb.connect(str(building), config=BUILD_SETTINGS)
                try:
                    create_schema(con)
                    con.execute("BEGIN TRANSACTION")
                    populate(con)
                    check_keys(con)
                    con.execute(
                        "INSERT INTO dataset_info VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            version_id,
                            meta.as_of,
                            datetime.now().replace(microsecond=0),
                            meta.loaded_by,
                            meta.file_name,
                            meta.sha256,
                            meta.source,
                            schema or schema_version(),
                            meta.has_synthetic,
                            meta.kind,
                        ],
                    )
                    create_views(con)
                    # The rows are committed before the stored summaries are computed from them: read from the
                    # file, not from one transaction's memory, a 200,000-request upload stores its 20 million
                    # answers several times faster. No one sees the file until it is complete (renamed below).
                    con.execute("COMMIT")
                    con.execute("CHECKPOINT")
                    materialise_views(con)
                    con.execute("CHECKPOINT")
                finally:
                    con.close()
                _fsync(building)
                final = self.versions_dir / f"v{version_id:06d}.duckdb"
                os.replace(building, final)
                self._point_to(final.name)
            except BaseException:
                building.unlink(missing_ok=True)
                Path(str(building) + ".wal").unlink(missing_ok=True)
                raise
            return Version(version_id, final)

    def restore(
        self,
        version_id: int,
        *,
        expected_current: int | None = None,
        record: Callable[[Version | None, Version], None] | None = None,
    ) -> Version:
        """Make an earlier version current again (a rollback); nothing is deleted.

        With ``expected_current``, ``CurrentChanged`` is raised and nothing moves if another version is current
        now; ``record(before, target)`` runs under the lock right after the move, so the move and its record
        stay together.
        """
        with self.lock():
            target = self.version(version_id)
            before = self.current()
            if expected_current is not None and (before is None or before.version_id != expected_current):
                raise CurrentChanged(before)
            self._point_to(target.path.name)
            if record is not None:
                record(before, target)
            return target

    def _point_to(self, file_name: str) -> None:
        pointer = self.root / "CURRENT"
        temporary = self.root / f".CURRENT-{uuid.uuid4().hex}"
        temporary.write_text(file_name + "\n")
        _fsync(temporary)
        os.replace(temporary, pointer)
        _fsync(self.root)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def query_threads() -> int | None:
    """The threads ``SOCIEUX_QUERY_THREADS`` gives each reading connection; None: DuckDB's default."""
    raw = os.environ.get(QUERY_THREADS_VARIABLE, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"{QUERY_THREADS_VARIABLE} must be a whole number of at least 1, not {raw!r}.")
    return int(raw)


def connect(version: Version) -> duckdb.DuckDBPyConnection:
    """A read-only connection to one version; give each query its own ``cursor()``."""
    threads = query_threads()
    settings = READ_SETTINGS if threads is None else {**READ_SETTINGS, "threads": threads}
    return duckdb.connect(str(version.path), read_only=True, config=settings)


def version_info(version: Version) -> dict:
    """The ``dataset_info`` row of one version, read through a connection of its own."""
    con = connect(version)
    try:
        return read_dataset_info(con)
    finally:
        con.close()


def read_dataset_info(con: duckdb.DuckDBPyConnection) -> dict:
    """The single ``dataset_info`` row of a version as a dict, with its ``kind`` even if written before it existed."""
    cur = con.cursor()
    row = cur.execute("SELECT * FROM dataset_info").fetchone()
    names = [d[0] for d in cur.description]
    info = dict(zip(names, row))
    if "kind" not in info:
        info["kind"] = KIND_BEFORE_IT_WAS_STORED.get(info["loaded_by"], UPLOAD)
    return info
