"""The history of dataset versions: every load, restore and deletion; restoring and deleting a version.

A restore is ``Store.restore`` with a record of who did it; a deletion removes an old version's file, recorded
the same way. Both records are JSON lines beside the versions (``restore_log.jsonl``, ``deletion_log.jsonl``).
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from socieux.store import CurrentChanged, Store, Version, connect, read_dataset_info, version_info
from socieux.version_tables import UploadRefused, _quoted, _tables_in, current_catalog

RESTORE_LOG = "restore_log.jsonl"

# Names in the history table, in the facility's words.
TABLE_LABELS = {
    "request_action": "Requests",
    "activity": "Activities",
    "expert": "Experts",
    "expert_assignment": "Assignments",
    "expenditure_line": "Expenditure lines",
    "survey_response": "Survey responses",
    "partner_country": "Countries",
    "status": "Statuses",
    "followup_update": "Follow-up updates",
}


class CurrentVersionMoved(UploadRefused):
    """Another load or restore made a new version current after this one was prepared: nothing was done."""


def moved_message(store: Store, current: Version | None, *, again: str = "press Replace again") -> str:
    """Who made which version current and when, and what to do: the words of ``CurrentVersionMoved``."""
    if current is None:
        return f"Another version became current while you were checking: reload the page, check the new preview, {again}."
    info = version_info(current)
    restores = [e for e in restore_events(store) if e.to_version == current.version_id and e.at >= info["loaded_at"]]
    if restores:
        who, what, when = restores[-1].by, f"restored version {current.version_id}", restores[-1].at
    else:
        who, when = info["loaded_by"], info["loaded_at"]
        what = f"loaded version {current.version_id} ({info['file_name'] or info['source']}, data as of {info['as_of']:%d %b %Y})"
    return (f"Another version became current while you were checking: {who} {what} at "
            f"{pd.Timestamp(when):%H:%M on %d %b %Y}. Reload the page, check the new preview, {again}.")


# -- Restores -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreEvent:
    at: datetime
    by: str
    from_version: int | None
    to_version: int


def restore_version(store: Store, version_id: int, restored_by: str, *, expected_current: int | None = None) -> Version:
    """Make an earlier version current again and record who did it, when, from which version.

    With ``expected_current`` (the version current when the restore was confirmed), a restore is refused
    with ``CurrentVersionMoved`` if another load or restore changed the current version meanwhile.
    """
    def record(before: Version | None, target: Version) -> None:
        _append_event(store.root / RESTORE_LOG, {
            "at": datetime.now().isoformat(),
            "by": restored_by,
            "from_version": before.version_id if before else None,
            "to_version": target.version_id,
        })

    try:
        return store.restore(version_id, expected_current=expected_current, record=record)
    except CurrentChanged as moved:
        raise CurrentVersionMoved(moved_message(store, moved.current, again="confirm the restore again")) from None


def _append_event(path: Path, entry: dict) -> None:
    """Add one JSON line to a history log, on disk before returning."""
    # A line cut off by a crash is closed first, so it cannot swallow this one.
    cut_off = path.exists() and path.stat().st_size > 0 and _last_byte(path) != b"\n"
    with open(path, "a", encoding="utf-8") as log:
        log.write(("\n" if cut_off else "") + json.dumps(entry) + "\n")
        log.flush()
        os.fsync(log.fileno())


def _log_entries(path: Path) -> list[dict]:
    """The JSON lines of a history log; a line cut off by a crash is skipped, the rest still counts."""
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line) if line.strip() else None
        except ValueError:
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def _last_byte(path: Path) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1)


def restore_events(store: Store) -> list[RestoreEvent]:
    """Every recorded restore, oldest first."""
    events = []
    for entry in _log_entries(Path(store.root) / RESTORE_LOG):
        try:
            events.append(
                RestoreEvent(datetime.fromisoformat(entry["at"]), str(entry["by"]), entry["from_version"], int(entry["to_version"]))
            )
        except (ValueError, KeyError, TypeError):
            continue  # a line cut off by a crash: the rest of the log still counts
    return events


# -- Deleting old versions -------------------------------------------------------------------------

DELETION_LOG = "deletion_log.jsonl"
KEEP_NEWEST_VERSIONS = 5  # default; staff set it in the secrets or the environment (README)


class VersionKept(UploadRefused):
    """The version may not be deleted: it is current, among the newest kept, or gone already."""


def deletable_versions(store: Store, keep_newest: int = KEEP_NEWEST_VERSIONS) -> list[Version]:
    """Versions staff may delete: every one except the current one and the newest ``keep_newest``."""
    versions, current = store.versions(), store.current()
    kept = {v.version_id for v in versions[-max(keep_newest, 1):]} | ({current.version_id} if current else set())
    return [v for v in versions if v.version_id not in kept]


def delete_version(store: Store, version_id: int, deleted_by: str, *, keep_newest: int = KEEP_NEWEST_VERSIONS) -> None:
    """Delete an old version's file and record who did it and when; never the current one nor the newest."""
    with store.lock():
        target = next((v for v in deletable_versions(store, keep_newest) if v.version_id == version_id), None)
        if target is None:
            current = store.current()
            why = ("it is the current version" if current and current.version_id == version_id
                   else f"it is one of the newest {keep_newest} versions, which are always kept"
                   if any(v.version_id == version_id for v in store.versions()) else "it does not exist any more")
            raise VersionKept(f"Version {version_id} cannot be deleted: {why}.")
        try:
            summary = version_summary(target)
        except duckdb.Error:
            summary = {}
        target.path.unlink()
        _append_event(store.root / DELETION_LOG, {
            "at": datetime.now().isoformat(),
            "by": deleted_by,
            "version": version_id,
            "file_name": summary.get("file_name"),
            "as_of": str(summary.get("as_of") or ""),
        })


def deletion_events(store: Store) -> list[dict]:
    """Every recorded deletion, oldest first: when, by whom, which version (its file and data date)."""
    return [e for e in _log_entries(Path(store.root) / DELETION_LOG) if {"at", "by", "version"} <= set(e)]


def version_summary(version: Version) -> dict:
    """What a version is: its dataset_info and the number of rows of its main tables.

    A published version file never changes, so what it holds is read once per file (its path, size and
    modification time name it) and remembered: the history page does not open every version on each rerun.
    """
    stat = version.path.stat()
    return dict(_file_summary(str(version.path), stat.st_size, stat.st_mtime_ns, version.version_id))


@functools.lru_cache(maxsize=512)
def _file_summary(path: str, size: int, modified_ns: int, version_id: int) -> dict:
    version = Version(version_id, Path(path))
    con = connect(version)
    try:
        info = read_dataset_info(con)
        present = _tables_in(con, current_catalog(con))
        counts = {
            label: con.execute(f"SELECT count(*) FROM {_quoted(table)}").fetchall()[0][0] if table in present else None
            for table, label in TABLE_LABELS.items()
        }
    finally:
        con.close()
    return {**info, **counts}


HISTORY_COLUMNS = [
    "Event", "Version", "When", "Who", "File", "SHA-256", "Data as of", *TABLE_LABELS.values(), "Current",
]


def version_history(store: Store) -> pd.DataFrame:
    """Every load and every restore, newest first, with what each version holds; the current one marked."""
    current = store.current()
    rows = []
    for version in store.versions():
        try:
            summary = version_summary(version)
        except duckdb.Error:
            continue
        rows.append(
            {
                "Event": "Loaded",
                "Version": version.version_id,
                "When": pd.Timestamp(summary["loaded_at"]),
                "Who": summary["loaded_by"],
                "File": summary["file_name"],
                "SHA-256": summary["sha256"],
                "Data as of": summary["as_of"],
                **{label: summary[label] for label in TABLE_LABELS.values()},
                "Current": current is not None and version.version_id == current.version_id,
            }
        )
    for event in restore_events(store):
        was = f"v{event.from_version}" if event.from_version is not None else "none"
        rows.append(
            {
                "Event": f"Restored (was {was})",
                "Version": event.to_version,
                "When": pd.Timestamp(event.at),
                "Who": event.by,
                "File": "",
                "SHA-256": "",
                "Current": False,
            }
        )
    for event in deletion_events(store):
        rows.append(
            {
                "Event": "Deleted",
                "Version": int(event["version"]),
                "When": pd.Timestamp(event["at"]),
                "Who": str(event["by"]),
                "File": event.get("file_name") or "",
                "SHA-256": "",
                "Current": False,
            }
        )
    history = pd.DataFrame(rows, columns=HISTORY_COLUMNS)
    history = history.astype({"Version": "int64", **{label: "Int64" for label in TABLE_LABELS.values()}})
    if history.empty:
        return history
    return history.sort_values(["When", "Version"], ascending=False, kind="stable").reset_index(drop=True)
