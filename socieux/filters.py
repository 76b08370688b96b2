"""The global filters: what the sidebar selects, as query parameters and in words."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

ECHO_CHARS = 40  # a filter value repeated back to the reader is cut to this many characters


@dataclass(frozen=True)
class FilterDimension:
    key: str        # URL query parameter and widget key, e.g. ?region=Africa
    param: str      # SQL parameter name, e.g. $regions
    label: str      # in the facility's words
    help: str


DIMENSIONS: tuple[FilterDimension, ...] = (
    FilterDimension("period", "periods", "Reporting period",
                    "Reporting periods run September to August (RP1 = Sep 2016 - Aug 2017). "
                    "Requests count in the period they were received; activities and expert days "
                    "in the period the activity started."),
    FilterDimension("region", "regions", "Region", "Region of the partner country."),
    FilterDimension("income_group", "income_groups", "Income group",
                    "World Bank income group of the partner country (FY2020 classification)."),
    FilterDimension("area", "areas", "Area of work", "Social Protection or Labour & Employment."),
    FilterDimension("country", "countries", "Partner country", "Primary beneficiary country of the request."),
    FilterDimension("stage", "stages", "Stage",
                    "Stage of the request's current status: request, action in preparation, "
                    "action in implementation, closed."),
    FilterDimension("field", "fields", "Field of intervention",
                    "ILO-taxonomy field of the request (a category takes in the fields below it). "
                    "'Not classified' = no field recorded."),
    FilterDimension("type", "types", "Type of assistance",
                    "Type of assistance of the request (a type takes in its sub-types). "
                    "'Not classified' = no type recorded."),
)


FRACTIONED_KEY = "fractioned"  # URL query parameter and widget key of the toggle
FRACTIONED_LEFT_OUT = "Fractioned requests left out"
FRACTIONED_HELP = (
    "Fractioned requests are new codes from a fractionated formulation work plan (status Fractioned). They are "
    "counted in requests received and in processing by default; switch off to leave them out of every request "
    "count, so that demand already counted under the original request is not counted twice."
)


def echoed(value: str) -> str:
    """A filter value as repeated back in captions and files: invisible and direction-changing characters
    (bidirectional overrides and isolates, zero-width marks: Unicode Cf and Cc) removed, cut to ECHO_CHARS."""
    visible = "".join(ch for ch in str(value) if unicodedata.category(ch) not in ("Cf", "Cc"))
    return visible if len(visible) <= ECHO_CHARS else visible[: ECHO_CHARS - 1] + "…"


@dataclass(frozen=True)
class Filters:
    """One selection per dimension; an empty selection means no filter on it."""

    periods: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    income_groups: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    fractioned: bool = True   # Fractioned requests counted (the default) or left out: docs/definitions.md

    @classmethod
    def from_selections(cls, selections: dict[str, list[str]], *, fractioned: bool = True) -> Filters:
        """Build from ``{query-parameter key: selected values}`` and the Fractioned toggle."""
        return cls(**{d.param: tuple(selections.get(d.key) or ()) for d in DIMENSIONS}, fractioned=fractioned)

    def params(self) -> dict[str, list[str] | bool]:
        """The SQL parameters every filtered query takes."""
        chosen: dict[str, list[str] | bool] = {d.param: list(getattr(self, d.param)) for d in DIMENSIONS}
        return {**chosen, "fractioned": self.fractioned}

    def is_empty(self) -> bool:
        return self.fractioned and not any(getattr(self, d.param) for d in DIMENSIONS)

    def describe(self) -> str:
        """The active filters in words, for captions, exported images and file names."""
        parts = [
            f"{d.label}: {', '.join(echoed(v) for v in getattr(self, d.param))}"
            for d in DIMENSIONS
            if getattr(self, d.param)
        ]
        if not self.fractioned:
            parts.append(FRACTIONED_LEFT_OUT)
        return " · ".join(parts) if parts else "All requests (no filter)"


# A page's own slicers and chart choices, in words, for what exports record beside the sidebar filters.
OPTION_LABELS = {
    "eligibilities": "Area of eligibility",
    "nationalities": "Nationality",
    "dimension": "Split by",
    "show": "Shown as",
    "status_set": "Implemented means",
    "exclude_non_feasible": "Non-feasible requests left out",
    "threshold": "Threshold (mean score)",
    "cohort_mode": "Cohorts",
    "level": "By",
}
OPTION_VALUE_WORDS = {
    "area": "area of work", "region": "region", "income_group": "income group",
    "count": "number", "share": "share of the period",
    "cumulative": "cumulative (RP1 to the period)", "period": "one period each",
    "implemented_original": "original logframe set", "implemented_revised": "revised logframe set",
    "implemented_extension": "extension plan set", "domain": "domain", "question": "question",
}


def describe_scope(filters: Filters, options: dict | None = None) -> str:
    """The sidebar filters and the page's own slicers and choices in words (images, data files, file names)."""
    parts = [] if filters.is_empty() and options else [filters.describe()]
    for key, label in OPTION_LABELS.items():
        value = (options or {}).get(key)
        if value is None or value is False or value == [] or value == ():
            continue
        if value is True:
            parts.append(label)
        elif isinstance(value, (list, tuple)):
            parts.append(f"{label}: {', '.join(map(str, value))}")
        else:
            parts.append(f"{label}: {OPTION_VALUE_WORDS.get(str(value), value)}")
    return " · ".join(parts) if parts else filters.describe()
