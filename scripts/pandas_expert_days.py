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


def assignments_in_view(frames: Frames, params: Params, *, with_period: bool = True) -> pd.DataFrame:
    """``filtered_assignments``: the assignments of activities in the sidebar filters and the page's slicers."""
    check_covered(params)
    assignments = frames["assignments"]
    mask = np.ones(len(assignments), dtype=bool)
    for param, column in FILTER_COLUMNS.items():
        if params.get(param) and (with_period or param != "periods"):
            mask &= assignments[column].isin(params[param]).to_numpy()
    if params.get("fractioned") is False:
        mask &= ~assignments["request_status"].isin(frames["fractioned"]["status"]).to_numpy()
    for param, column in (("eligibilities", "area_of_eligibility"), ("nationalities", "nationality")):
        if params.get(param):
            mask &= assignments[column].isin(params[param]).to_numpy()
    return assignments[mask]


def _measures(grouped) -> pd.DataFrame:
    """The page's three measures of every breakdown: working days, assignments, distinct experts."""
    return grouped.agg(working_days=("working_days", "sum"), assignments=("working_days", "size"),
                       experts=("expert_no", "nunique"))


def _with_share(result: pd.DataFrame) -> pd.DataFrame:
    return result.assign(share=result["working_days"] / result["working_days"].sum())


def _text(series: pd.Series, missing: str = "Not recorded") -> pd.Series:
    """A categorical column as plain text, missing values named."""
    return series.astype(object).where(series.notna(), missing)


def _sort_orders(frames: Frames, name: str, key: str) -> dict:
    return dict(zip(frames[name][key], frames[name]["sort_order"]))


def expert_kpi_totals(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params)
    return pd.DataFrame([{
        "expert_working_days": x["working_days"].sum(), "assignments": len(x),
        "experts_mobilised": x["expert_no"].nunique(), "nationalities": x["nationality"].nunique(),
        "activities": x["activity_key"].nunique(), "synthetic_rows": int(x["is_synthetic"].sum()),
    }])


def expert_kpi_by_period(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params, with_period=False)
    per_period = x.groupby("rp", observed=True).agg(
        expert_working_days=("working_days", "sum"), assignments=("working_days", "size"),
        experts_mobilised=("expert_no", "nunique"), nationalities=("nationality", "nunique"))
    per_period.index = per_period.index.astype(object)
    periods = frames["periods"].sort_values("sort_order", kind="stable")
    counted = per_period.reindex(periods["code"].to_numpy()).fillna(0).reset_index(drop=True)
    return pd.concat([periods.rename(columns={"code": "period"})[["period", "sort_order", "is_finished"]]
                      .reset_index(drop=True), counted], axis=1)


def expert_days_by_country(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params)
    result = _measures(x.groupby(["country", "iso3", "region"], observed=True, dropna=False)).reset_index()
    result = _with_share(result)
    return result.sort_values(["working_days", "country"], ascending=[False, True], kind="stable")


def expert_days_by_period(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params)
    grouped = x.groupby(["rp", "area_of_work"], observed=True, dropna=False)
    result = grouped.agg(working_days=("working_days", "sum"), assignments=("working_days", "size")).reset_index()
    result = result.assign(rp=result["rp"].astype(object), area_of_work=result["area_of_work"].astype(object))
    result = result.rename(columns={"rp": "period"})
    result.insert(1, "sort_order", result["period"].map(_sort_orders(frames, "periods", "code")).fillna(99))
    result.insert(3, "area_order", result["area_of_work"].map(_sort_orders(frames, "areas", "area_of_work")).fillna(99))
    return _with_share(result).sort_values(["sort_order", "area_order"], kind="stable")


# The dimensions of expert_days_by_dimensions, in the query's order of them, and what each categorises by.
DIMENSIONS = ("area", "eligibility", "gender", "income_group", "region")
_SORTED_BY = {"area": ("areas", "area_of_work"), "region": ("regions", "region"),
              "income_group": ("income_groups", "income_group")}


def _category(x: pd.DataFrame, dimension: str) -> pd.Series:
    if dimension == "gender":
        return x["gender"].astype(object).str.lower().map({"female": "Women", "male": "Men"})
    column = {"area": "area_of_work", "region": "region", "income_group": "income_group",
              "eligibility": "area_of_eligibility"}[dimension]
    return x[column].astype(object)


def _by_dimension(frames: Frames, x: pd.DataFrame, dimension: str) -> pd.DataFrame:
    category = _category(x, dimension)
    # the facility's order where it has one, looked up on the category as recorded (before "Not recorded")
    order = (category.map(_sort_orders(frames, *_SORTED_BY[dimension])) if dimension in _SORTED_BY
             else pd.Series(np.nan, index=x.index))
    grouped = x.assign(category=category.where(category.notna(), "Not recorded"), order=order).groupby("category")
    result = _with_share(_measures(grouped)).reset_index()
    result["sort_order"] = grouped["order"].min().fillna(99).to_numpy()
    result.insert(0, "dimension", dimension)
    return result.sort_values(["sort_order", "working_days", "category"], ascending=[True, False, True], kind="stable")


def expert_days_by_dimensions(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params)
    return pd.concat([_by_dimension(frames, x, dimension) for dimension in DIMENSIONS], ignore_index=True)


def expert_days_by_type(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params)
    x = x.assign(main_type=_text(x["main_type"]), type=_text(x["type"]))
    result = _with_share(_measures(x.groupby(["main_type", "type"])).reset_index())
    main_total = result.groupby("main_type")["working_days"].transform("sum")
    return (result.assign(main_total=main_total)
            .sort_values(["main_total", "main_type", "working_days", "type"], ascending=[False, True, False, True],
                         kind="stable")
            .drop(columns="main_total"))


def expert_days_by_nationality(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params)
    x = x.assign(nationality=_text(x["nationality"]))
    ranked = (x.groupby("nationality")["working_days"].sum().reset_index()
              .sort_values(["working_days", "nationality"], ascending=[False, True], kind="stable"))
    rank = dict(zip(ranked["nationality"], range(1, len(ranked) + 1)))
    x = x.assign(rank=x["nationality"].map(rank))
    x = x.assign(shown=x["nationality"].where(x["rank"] <= 10, "Other"))
    grouped = x.groupby("shown")
    result = grouped.agg(working_days=("working_days", "sum"), assignments=("working_days", "size"),
                         experts=("expert_no", "nunique"), nationalities=("nationality", "nunique"),
                         sort_order=("rank", "min"))
    result = _with_share(result).reset_index().rename(columns={"shown": "nationality"})
    columns = ["nationality", "working_days", "assignments", "experts", "nationalities", "share", "sort_order"]
    return result[columns].sort_values("sort_order", kind="stable")


def expert_median_days_by_period(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params)
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
    x = x.assign(category=x[key].astype(object),
                 costed_eur=x["expenditure_eur"].where(x["has_expenditure"]),
                 costed_days=x["working_days"].where(x["has_expenditure"]))
    grouped = x.groupby("category", dropna=False)
    result = grouped.agg(costed_eur=("costed_eur", "sum"), costed_working_days=("costed_days", "sum"),
                         working_days=("working_days", "sum"), costed_rows=("costed_days", "count")).reset_index()
    costed = result["costed_rows"] > 0  # a sum over no costed assignment is unknown, not zero
    result["sort_order"] = result["category"].map(_sort_orders(frames, *orders)).fillna(99)
    result["expenditure_eur"] = result["costed_eur"].round(2).where(costed)
    days = result["costed_working_days"].where(costed & (result["costed_working_days"] != 0))
    result["expenditure_per_day"] = result["costed_eur"].where(costed) / days
    result.insert(0, "dimension", dimension)
    columns = ["dimension", "category", "sort_order", "expenditure_eur", "costed_working_days", "working_days",
               "expenditure_per_day"]
    return result[columns].sort_values(["sort_order", "category"], kind="stable")


def expert_expenditure_per_day_by_dimensions(frames: Frames, params: Params) -> pd.DataFrame:
    x = assignments_in_view(frames, params)
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
