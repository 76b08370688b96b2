"""Server settings staff can change: from ``.streamlit/secrets.toml`` or the environment, with safe defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import streamlit as st


def secrets_section(name: str) -> Mapping[str, Any]:
    """One section of the secrets file; empty when there is no such section or no secrets file at all."""
    try:
        section = st.secrets.get(name) if name in st.secrets else None
    except Exception:  # no secrets file at all: the same as an empty one
        return {}
    return section if isinstance(section, Mapping) else {}


def whole_number(section: str, key: str, env: str, default: int, *, minimum: int = 1) -> int:
    """``[section] key`` of the secrets, else the environment variable ``env``, else ``default``.

    A value that is not a whole number of at least ``minimum`` is ignored (the default applies), so a typo
    never switches a protection off.
    """
    for raw in (secrets_section(section).get(key), os.environ.get(env)):
        if raw is None or raw == "":
            continue
        try:
            value = int(raw)
        except (TypeError, ValueError):
            continue
        if value >= minimum:
            return value
    return default
