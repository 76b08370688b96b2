"""What the history page asks for: every load and restore, and restoring a version."""

from __future__ import annotations

import pandas as pd

from socieux.dataset_load import restore_version, version_history
from socieux.store import Store, Version, store_dir


def history() -> pd.DataFrame:
    """Every load and restore of the store, newest first."""
    return version_history(Store(store_dir()))


def restore(version_id: int, restored_by: str) -> Version:
    """Make an earlier version current again, recorded with who did it."""
    return restore_version(Store(store_dir()), version_id, restored_by)


def version_path(version_id: int) -> str:
    """Where a version's file is (it never changes once published)."""
    return str(Store(store_dir()).version(version_id).path)
