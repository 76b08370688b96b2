"""Record a follow-up update of one key action: a new dataset version, published like an upload."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from socieux.store import Store, Version, VersionMeta, connect, read_dataset_info
from socieux.version_tables import UploadRefused, _copy_tables

UPDATE_SOURCE = " · follow-up update"  # a later update replaces the note of an earlier one
TRACKING_STATUSES = ("Not started", "In progress", "Done", "Dropped")


@dataclass(frozen=True)
class KeyActionUpdate:
    """What staff state about one key action on one date."""

    evaluation_id: str
    recommendation_id: str
    action_id: str
    status: str
    as_of_date: date
    text: str


class VersionMoved(UploadRefused):
    """The data changed since the form was opened: the update was made against another version."""


def record_update(store: Store, update: KeyActionUpdate, *, seen_version: int, recorded_by: str) -> Version:
    """Publish a new version holding every current row plus this update; refuse if the data moved meanwhile."""
    if update.status not in TRACKING_STATUSES:
        raise UploadRefused(f"Status '{update.status}' is not one of: {', '.join(TRACKING_STATUSES)}.")
    if not update.text.strip():
        raise UploadRefused("Write what was done (the update text is empty).")
    base = store.current()
    if base is None or base.version_id != seen_version:
        raise VersionMoved(_moved(base, seen_version))
    con = connect(base)
    try:
        info = read_dataset_info(con)
        known = con.execute(
            "SELECT count(*) FROM key_action WHERE evaluation_id = ? AND recommendation_id = ? AND action_id = ?",
            [update.evaluation_id, update.recommendation_id, update.action_id],
        ).fetchall()[0][0]
    finally:
        con.close()
    if not known:
        raise UploadRefused(f"There is no key action {update.action_id} of {update.recommendation_id} in "
                            f"{update.evaluation_id}.")
    meta = VersionMeta(
        as_of=info["as_of"], loaded_by=recorded_by, has_synthetic=bool(info["has_synthetic"]),
        source=f"{info['source'].split(UPDATE_SOURCE)[0]}{UPDATE_SOURCE} of key action {update.action_id} "
               f"({update.evaluation_id}) recorded by facility staff",
        file_name=f"follow-up update {update.evaluation_id} {update.action_id}",
    )

    def populate(con: duckdb.DuckDBPyConnection) -> None:
        current = store.current()
        if current is None or current.version_id != seen_version:  # checked again under the store lock
            raise VersionMoved(_moved(current, seen_version))
        _copy_tables(con, current)
        con.execute(
            """
            INSERT INTO followup_update
            SELECT $evaluation, $recommendation || '/' || $action || '-S' || (count(*) + 1), $recommendation, $action,
                   coalesce(max(sequence), 0) + 1, NULL, $as_of, $status, $text, 'Recorded in the dashboard', NULL,
                   $by, $at
            FROM followup_update
            WHERE evaluation_id = $evaluation AND recommendation_id = $recommendation AND action_id = $action
            """,
            {"evaluation": update.evaluation_id, "recommendation": update.recommendation_id,
             "action": update.action_id, "as_of": update.as_of_date, "status": update.status,
             "text": update.text.strip(), "by": recorded_by, "at": datetime.now().replace(microsecond=0)},
        )

    return store.publish(populate, meta)


def _moved(current: Version | None, seen_version: int) -> str:
    now = f"version {current.version_id}" if current else "no version"
    return (f"The data changed while you were writing (you saw version {seen_version}, the current one is now "
            f"{now}): nothing was recorded. Check the key action again and record the update anew.")
