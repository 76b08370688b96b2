"""The tables shown with the classification charts, in the facility's words (docs/definitions.md)."""

from __future__ import annotations

import pandas as pd

TYPE_LEVELS = {"1": "Group (A.00)", "2": "Type (A.02)", "3": "Sub-type (A.02.02)"}   # kept as text in the URL
TYPE_SCOPES = {"received": "Requests received", "implemented_revised": "Actions implemented (OP1)"}
LEVEL_NAMES = {1: "Category", 2: "Sub-area", 3: "Field"}


def field_table(nodes: pd.DataFrame) -> pd.DataFrame:
    """The hierarchy of ``requests_by_field`` as a table, one row per area of work and field."""
    return pd.DataFrame({
        "Area of work": nodes["area"],
        "Category": nodes["category"],
        "Level": nodes["level"].map(LEVEL_NAMES),
        "Code": nodes["field_code"].where(nodes["field_code"] != "Not classified", ""),
        "Field of intervention": nodes["field"],
        "Requests with this field": nodes["requests_with_field"],
        "Requests at or below it (each once)": nodes["requests_in_branch"],
        "Source": nodes["source"],
    })


def sdg_table(published: pd.DataFrame) -> pd.DataFrame:
    """The report's SDG breakdown as printed."""
    return pd.DataFrame({
        "SDG": published["sdg_code"],
        "Goal or target": published["label"],
        "Level": published["level"],
        "Requests": published["requests"],
        "Share of requests": published["share"] * 100,
    })
