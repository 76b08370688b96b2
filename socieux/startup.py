"""Start-up: the bundled version built when the store is empty or outdated, an upload carried over to a new layout.

Every app process calls ``ensure_ready`` when it starts; it is idempotent and safe when several processes start
at once: each build runs under the store's lock and is skipped by whoever finds it already done.
"""

from __future__ import annotations

import duckdb

from socieux import bundled
from socieux.store import BUNDLED, Store, Version, VersionMeta, schema_version, version_info
from socieux.version_tables import _copy_tables


def ensure_ready(store: Store) -> Version:
    """Return the current version, building the bundled one first if the store is empty or outdated."""
    fingerprint = bundled.bundle_fingerprint()
    if _is_usable(store, fingerprint):
        # An upload built with an older schema is carried over to the present one, never dropped.
        return migrate_outdated_upload(store)
    # Another process may have built it while this one waited for the lock: checked again under it.
    return store.publish(
        bundled.populate_bundled, bundled.BUNDLED_META, schema=fingerprint,
        unless=lambda: _is_usable(store, fingerprint),
    )


def _is_usable(store: Store, fingerprint: str) -> bool:
    """Whether the current version can be served: an upload whatever the bundle says, a bundled one if up to date."""
    current = store.current()
    if current is None:
        return False
    info = version_info(current)
    return info["kind"] != BUNDLED or info["schema_version"] == fingerprint


def _outdated(store: Store) -> tuple[Version, dict] | None:
    """The current version and its info if it is not bundled and was built with another schema, else None."""
    current = store.current()
    if current is None:
        return None
    info = version_info(current)
    if info["kind"] == BUNDLED or info["schema_version"] == schema_version():
        return None
    return current, info


def migrate_outdated_upload(store: Store) -> Version | None:
    """Carry an uploaded (or benchmark) current version over to the present schema as a new version.

    Columns are copied by name; the new version keeps who loaded the old one, its file, data date and kind
    (derived from ``loaded_by`` for a version written before the kind was stored: docs/definitions.md).
    """
    outdated = _outdated(store)
    if outdated is None:
        return store.current()
    _, info = outdated
    meta = VersionMeta(
        as_of=info["as_of"],
        loaded_by=info["loaded_by"],
        source=f"{info['source']} (carried over from version {info['version_id']} to the new database layout)",
        has_synthetic=bool(info["has_synthetic"]),
        file_name=info["file_name"],
        sha256=info["sha256"],
        kind=info["kind"],
    )

    def populate(con: duckdb.DuckDBPyConnection) -> None:
        _copy_tables(con, store.current())

    return store.publish(populate, meta, unless=lambda: _outdated(store) is None)
