"""What the history page asks for: every load, restore and deletion; restoring and deleting a version."""

from __future__ import annotations

import pandas as pd

from socieux.history import KEEP_NEWEST_VERSIONS, deletable_versions, delete_version, restore_version, version_history
from socieux.settings import whole_number
from socieux.store import Store, Version, store_dir


def history() -> pd.DataFrame:
    """Every load, restore and deletion of the store, newest first."""
    return version_history(Store(store_dir()))


def restore(version_id: int, restored_by: str, expected_current: int | None = None) -> Version:
    """Make an earlier version current again, recorded with who did it, if ``expected_current`` still is current."""
    return restore_version(Store(store_dir()), version_id, restored_by, expected_current=expected_current)


def keep_newest() -> int:
    """How many of the newest versions can never be deleted: ``[history] keep_newest_versions`` or the environment."""
    return whole_number("history", "keep_newest_versions", "SOCIEUX_KEEP_NEWEST_VERSIONS", KEEP_NEWEST_VERSIONS)


def deletable() -> list[int]:
    """The versions staff may delete now (never the current one nor the newest ones)."""
    return [v.version_id for v in deletable_versions(Store(store_dir()), keep_newest())]


def delete(version_id: int, deleted_by: str) -> None:
    """Delete an old version, recorded in the history with who did it."""
    delete_version(Store(store_dir()), version_id, deleted_by, keep_newest=keep_newest())


def version_path(version_id: int) -> str:
    """Where a version's file is (it never changes once published)."""
    return str(Store(store_dir()).version(version_id).path)


def version_labels(events: pd.DataFrame) -> dict[int, str]:
    """``{version: words}`` for every loaded version of ``history()``: its file, data date and who loaded it."""
    loads = events[events["Event"] == "Loaded"]
    labels = {}
    for _, row in loads.iterrows():
        file_name = row["File"] if pd.notna(row["File"]) and row["File"] else "no file"
        labels[int(row["Version"])] = (f"Version {int(row['Version'])}: {file_name}, data as of {row['Data as of']}, "
                                       f"loaded by {row['Who']}")
    return labels


def restorable(events: pd.DataFrame) -> list[int]:
    """The loaded versions that are not current, newest first as ``history()`` lists them."""
    loads = events[events["Event"] == "Loaded"]
    return loads.loc[~loads["Current"].astype(bool), "Version"].astype(int).tolist()
