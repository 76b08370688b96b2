"""The Expert days page in pandas (scripts/pandas_pages.py): the queries of queries/expert_days."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas_pages import FILTER_COLUMNS, REQUEST_FRAMES, Frames, Params, check_covered, kpi_totals

FRAMES = {
    **REQUEST_FRAMES,
    # v_assignment: each assignment with its activity's period, geography and stage, its expert's and activity's
    # numbers, its costs and the expert's attributes as at the assignment.
    "assignments": """SELECT assignment_id, expert_no, activity_key, rp, region, income_group, area_of_work, country,
                             iso3, stage_label, request_status, working_days::DOUBLE AS working_days, main_type, type,
                             area_of_eligibility, nationality, gender, is_synthetic, has_expenditure, expenditure_eur
                      FROM v_assignment""",
    "periods": """SELECT code, sort_order, end_date <= (SELECT max(as_of) FROM dataset_info) AS is_finished
                  FROM reporting_period""",
    "areas": "SELECT area_of_work, sort_order FROM area_of_work",
    "regions": "SELECT region, sort_order FROM region",
    "income_groups": "SELECT income_group, sort_order FROM income_group",
}
REFERENCE = {"periods", "areas", "regions", "income_groups"}


def assignments_in_view(frames: Frames, params: Params, columns: list[str], *, with_period: bool = True
                        ) -> pd.DataFrame:
    """``filtered_assignments``: the given columns of the assignments of activities in the sidebar filters and the
    page's slicers (every assignment, uncopied, when nothing is filtered)."""
    check_covered(params)
    assignments = frames["assignments"]
    tests = [(column, params[param]) for param, column in FILTER_COLUMNS.items()
             if params.get(param) and (with_period or param != "periods")]
    tests += [(column, params[param]) for param, column in (("eligibilities", "area_of_eligibility"),
                                                            ("nationalities", "nationality")) if params.get(param)]
    fractioned_out = params.get("fractioned") is False
    if not tests and not fractioned_out:
        return assignments[columns]
    mask = np.ones(len(assignments), dtype=bool)
    for column, values in tests:
        mask &= assignments[column].isin(values).to_numpy()
    if fractioned_out:
        mask &= ~assignments["request_status"].isin(frames["fractioned"]["status"]).to_numpy()
    return assignments.loc[mask, columns]


MEASURED = ["working_days", "expert_no"]


def _measures(grouped) -> pd.DataFrame:
    """The page's three measures of every breakdown: working days, assignments, distinct experts."""
    return grouped.agg(working_days=("working_days", "sum"), assignments=("working_days", "size"),
                       experts=("expert_no", "nunique"))


def _with_share(result: pd.DataFrame) -> pd.DataFrame:
    return result.assign(share=result["working_days"] / result["working_days"].sum())


def relabelled(series: pd.Series, label, missing: str = "Not recorded") -> pd.Series:
    """A categorical column with each category renamed by ``label`` (several may become one) and missing values
    (or a category ``label`` gives None) named ``missing``: worked on the few categories, never row by row."""
    categories = series.cat.categories
    labels = [label(category) for category in categories]
    labels = [missing if new is None else new for new in labels]
    kept = list(dict.fromkeys([*labels, missing]))
    lookup = np.array([kept.index(new) for new in labels] + [kept.index(missing)])  # code -1 (missing): the last
    return pd.Series(pd.Categorical.from_codes(lookup[series.cat.codes.to_numpy()], categories=kept),
                     index=series.index, name=series.name)


def _sort_orders(frames: Frames, name: str, key: str) -> dict:
    return dict(zip(frames[name][key], frames[name]["sort_order"]))


def expert_kpi_totals(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params, [*MEASURED, "nationality", "activity_key", "is_synthetic"])
    return pd.DataFrame([{
        "expert_working_days": x["working_days"].sum(), "assignments": len(x),
        "experts_mobilised": x["expert_no"].nunique(), "nationalities": x["nationality"].nunique(),
        "activities": x["activity_key"].nunique(), "synthetic_rows": int(x["is_synthetic"].sum()),
    }])


def expert_kpi_by_period(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params, [*MEASURED, "rp", "nationality"], with_period=False)
    per_period = x.groupby("rp", observed=True).agg(
        expert_working_days=("working_days", "sum"), assignments=("working_days", "size"),
        experts_mobilised=("expert_no", "nunique"), nationalities=("nationality", "nunique"))
    per_period.index = per_period.index.astype(str)
    periods = frames["periods"].sort_values("sort_order", kind="stable")
    counted = per_period.reindex(periods["code"].to_numpy()).fillna(0).reset_index(drop=True)
    return pd.concat([periods.rename(columns={"code": "period"})[["period", "sort_order", "is_finished"]]
                      .reset_index(drop=True), counted], axis=1)


def expert_days_by_country(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params, [*MEASURED, "country", "iso3", "region"])
    result = _measures(x.groupby(["country", "iso3", "region"], observed=True, dropna=False)).reset_index()
    result = _with_share(result)
    return result.sort_values(["working_days", "country"], ascending=[False, True], kind="stable")


def expert_days_by_period(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params, ["working_days", "rp", "area_of_work"])
    grouped = x.groupby(["rp", "area_of_work"], observed=True, dropna=False)
    result = grouped.agg(working_days=("working_days", "sum"), assignments=("working_days", "size")).reset_index()
    result = result.assign(rp=result["rp"].astype(str).where(result["rp"].notna()),
                           area_of_work=result["area_of_work"].astype(str).where(result["area_of_work"].notna()))
    result = result.rename(columns={"rp": "period"})
    result.insert(1, "sort_order", result["period"].map(_sort_orders(frames, "periods", "code")).fillna(99))
    result.insert(3, "area_order", result["area_of_work"].map(_sort_orders(frames, "areas", "area_of_work")).fillna(99))
    return _with_share(result).sort_values(["sort_order", "area_order"], kind="stable")


# The dimensions of expert_days_by_dimensions: the column each categorises, the reference table giving the facility's
# order of its categories (where there is one), and the words for the genders. The query orders them by name.
_COLUMN = {"area": "area_of_work", "region": "region", "income_group": "income_group", "gender": "gender",
           "eligibility": "area_of_eligibility"}
DIMENSIONS = tuple(sorted(_COLUMN))
_SORTED_BY = {"area": ("areas", "area_of_work"), "region": ("regions", "region"),
              "income_group": ("income_groups", "income_group")}
_GENDER = {"female": "Women", "male": "Men"}


def _by_dimension(frames: Frames, x: pd.DataFrame, dimension: str) -> pd.DataFrame:
    recorded = x[_COLUMN[dimension]]
    category = relabelled(recorded, (lambda g: _GENDER.get(g.lower())) if dimension == "gender" else (lambda c: c))
    grouped = x[MEASURED].assign(category=category).groupby("category", observed=True)
    result = _with_share(_measures(grouped)).reset_index()
    result["category"] = result["category"].astype(str)
    # the facility's order where it has one, looked up on the category as recorded (before "Not recorded")
    orders = _sort_orders(frames, *_SORTED_BY[dimension]) if dimension in _SORTED_BY else {}
    as_recorded = set(recorded.cat.categories)
    result["sort_order"] = [orders.get(c, 99) if c in as_recorded else 99 for c in result["category"]]
    result.insert(0, "dimension", dimension)
    return result.sort_values(["sort_order", "working_days", "category"], ascending=[True, False, True], kind="stable")


def expert_days_by_dimensions(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params, [*MEASURED, *_COLUMN.values()])
    return pd.concat([_by_dimension(frames, x, dimension) for dimension in DIMENSIONS], ignore_index=True)


def expert_days_by_type(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params, [*MEASURED, "main_type", "type"])
    x = x.assign(main_type=relabelled(x["main_type"], str), type=relabelled(x["type"], str))
    result = _with_share(_measures(x.groupby(["main_type", "type"], observed=True)).reset_index())
    result = result.assign(main_type=result["main_type"].astype(str), type=result["type"].astype(str))
    main_total = result.groupby("main_type")["working_days"].transform("sum")
    return (result.assign(main_total=main_total)
            .sort_values(["main_total", "main_type", "working_days", "type"], ascending=[False, True, False, True],
                         kind="stable")
            .drop(columns="main_total"))


def expert_days_by_nationality(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params, [*MEASURED, "nationality"])
    nationality = relabelled(x["nationality"], str)
    per_nationality = (x["working_days"].groupby(nationality, observed=True).sum().rename_axis("nationality")
                       .reset_index().assign(nationality=lambda d: d["nationality"].astype(str))
                       .sort_values(["working_days", "nationality"], ascending=[False, True], kind="stable"))
    rank = dict(zip(per_nationality["nationality"], range(1, len(per_nationality) + 1)))
    shown = relabelled(nationality, lambda n: n if rank.get(n, 11) <= 10 else "Other")
    grouped = x[MEASURED].assign(nationality=nationality, shown=shown).groupby("shown", observed=True)
    result = grouped.agg(working_days=("working_days", "sum"), assignments=("working_days", "size"),
                         experts=("expert_no", "nunique"), nationalities=("nationality", "nunique"))
    result = _with_share(result).reset_index().rename(columns={"shown": "nationality"})
    result["nationality"] = result["nationality"].astype(str)
    result["sort_order"] = [min(rank.get(n, 11), 11) for n in result["nationality"]]  # Other: the eleventh's rank
    return result.sort_values("sort_order", kind="stable")


def expert_median_days_by_period(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params, ["working_days", "rp", "activity_key"])
    per_activity = x.groupby(["rp", "activity_key"], observed=True)["working_days"].sum().reset_index()
    rows = []
    for measure, frame in (("Per activity", per_activity), ("Per expert mission", x)):
        by_period = frame.groupby("rp", observed=True)["working_days"].agg(["median", "size"]).reset_index()
        rows += [{"period": str(r.rp), "measure": measure, "median_days": r.median, "n": r.size}
                 for r in by_period.itertuples(index=False)]
        if len(frame):
            rows.append({"period": "All periods in view", "measure": measure,
                         "median_days": frame["working_days"].median(), "n": len(frame)})
    result = pd.DataFrame(rows, columns=["period", "measure", "median_days", "n"])
    result["sort_order"] = result["period"].map(_sort_orders(frames, "periods", "code")).fillna(100)
    result["all_periods"] = result["period"] == "All periods in view"
    return result.sort_values(["sort_order", "all_periods", "measure"], kind="stable").drop(columns="all_periods")


def _expenditure_per_day(frames: Frames, x: pd.DataFrame, dimension: str) -> pd.DataFrame:
    key, orders = ("rp", ("periods", "code")) if dimension == "period" else ("region", ("regions", "region"))
    costed = x["has_expenditure"].to_numpy()
    x = x.assign(costed_eur=x["expenditure_eur"].where(costed), costed_days=x["working_days"].where(costed))
    grouped = x.groupby(key, observed=True)
    result = grouped.agg(costed_eur=("costed_eur", "sum"), costed_working_days=("costed_days", "sum"),
                         working_days=("working_days", "sum"), costed_rows=("costed_days", "count")).reset_index()
    result = result.rename(columns={key: "category"}).assign(category=lambda d: d["category"].astype(str))
    known = result["costed_rows"] > 0  # a sum over no costed assignment is unknown, not zero
    result["sort_order"] = result["category"].map(_sort_orders(frames, *orders)).fillna(99)
    result["expenditure_eur"] = result["costed_eur"].round(2).where(known)
    days = result["costed_working_days"].where(known & (result["costed_working_days"] != 0))
    result["expenditure_per_day"] = result["costed_eur"].where(known) / days
    result.insert(0, "dimension", dimension)
    columns = ["dimension", "category", "sort_order", "expenditure_eur", "costed_working_days", "working_days",
               "expenditure_per_day"]
    return result[columns].sort_values(["sort_order", "category"], kind="stable")


def expert_expenditure_per_day_by_dimensions(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params, ["working_days", "rp", "region", "has_expenditure", "expenditure_eur"])
    return pd.concat([_expenditure_per_day(frames, x, dimension) for dimension in ("period", "region")],
                     ignore_index=True)


QUERIES = {
    "kpi_totals": kpi_totals, "expert_kpi_totals": expert_kpi_totals, "expert_kpi_by_period": expert_kpi_by_period,
    "expert_days_by_country": expert_days_by_country, "expert_days_by_period": expert_days_by_period,
    "expert_days_by_dimensions": expert_days_by_dimensions, "expert_days_by_type": expert_days_by_type,
    "expert_days_by_nationality": expert_days_by_nationality,
    "expert_median_days_by_period": expert_median_days_by_period,
    "expert_expenditure_per_day_by_dimensions": expert_expenditure_per_day_by_dimensions,
}
