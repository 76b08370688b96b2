"""Charts of the Expert days page (synthetic demo data until the facility's assignments are loaded)."""

from socieux import expert_figures
from socieux.amounts import count_text
from socieux.charts.catalogue import Chart, register
from socieux.geometry import with_countries, world_map_figure
from socieux.hovers import hover_texts

PAGE = "Expert days"
# The page slicers (area of eligibility, nationality): empty = every expert.
SLICERS = {"eligibilities": [], "nationalities": []}
DAYS_NOTE = (
    "Effective (paid) working days of expert assignments, counted in the reporting period of the "
    "activity's start."
)
MEDIAN_NOTE = (
    "Medians: the middle value, or halfway between the two middle ones. An activity's days are the working days "
    "of its assignments in view; an expert mission is one expert on one activity (assignment)."
)
EXPENDITURE_NOTE = (
    "Ratio of sums: expenditure / working days, not a mean of ratios. Expenditure lines booked on an "
    "assignment stay with it; the activity's other costs are shared among its assignments pro rata to "
    "working days, so slices add up. Only days of actions with expenditure recorded count (unknown "
    "expenditure is never zero); costs of activities without expert days are left out. Expenditure "
    "and days go to the reporting period of the activity's start."
)


def _days(df, *, title: str, **_):
    return expert_figures.days_bars(df, category="category", title=title, horizontal=True)


register(Chart(
    "expert-days-country-bars", PAGE, "Expert working days by partner country (top 25)", "expert_days_by_country",
    lambda df, title, **_: expert_figures.days_by_country(df, title=title),
    selects={"y": "country"}, titled=True,
    options=SLICERS, source_note=DAYS_NOTE, synthetic=True,
))
register(Chart(
    "expert-days-country-map", PAGE, "Expert working days by partner country (map)", "expert_days_by_country",
    lambda df, **_: with_countries(world_map_figure(
        df["iso3"].tolist(), df["working_days"].tolist(),
        hover_texts(df["country"], df["working_days"], "working days", shares=df["share"],
                    share_of=expert_figures.DAYS_SHARE_OF,
                    details=[count_text(a, "assignments") for a in df["assignments"]]),
        "Expert working days by partner country", "Working days",
    ), df),
    options=SLICERS, source_note=DAYS_NOTE, synthetic=True, selects={"customdata": "country"},
))
register(Chart(
    "expert-days-period", PAGE, "Expert working days by reporting period and area of work", "expert_days_by_period",
    lambda df, title, **_: expert_figures.days_by_period(df, title=title),
    options=SLICERS, source_note=DAYS_NOTE, synthetic=True, selects={"x": "period", "legendgroup": "area"}, titled=True,
))
for chart_id, dimension, title in [
    ("expert-days-area", "area", "Expert working days by area of work"),
    ("expert-days-region", "region", "Expert working days by region"),
    ("expert-days-income-group", "income_group", "Expert working days by income group"),
    ("expert-days-gender", "gender", "Expert working days by gender of the expert"),
    ("expert-days-eligibility", "eligibility", "Expert working days by area of eligibility of the expert"),
]:
    register(Chart(
        chart_id, PAGE, title, "expert_days_by_dimensions", _days, titled=True,
        options={**SLICERS, "dimension": dimension}, rows_of="dimension", source_note=DAYS_NOTE, synthetic=True,
        # the request's geography and area are sidebar filters; the expert's attributes are not
        selects={"x": dimension} if dimension in ("area", "region", "income_group") else {},
    ))
register(Chart(
    "expert-days-type", PAGE, "Expert working days by expert type and main type", "expert_days_by_type",
    lambda df, title, **_: expert_figures.days_by_type(df, title=title),
    options=SLICERS, source_note=DAYS_NOTE, synthetic=True, titled=True,
))
register(Chart(
    "expert-days-nationality", PAGE, "Expert working days by nationality (top ten)", "expert_days_by_nationality",
    lambda df, **_: expert_figures.days_bars(
        df.rename(columns={"nationality": "category"}), category="category", horizontal=True,
        title="Expert working days by nationality of the expert (top ten, the rest as Other)",
    ),
    options=SLICERS, source_note=DAYS_NOTE + " Nationality as recorded at the assignment.", synthetic=True,
))
register(Chart(
    "expert-days-median", PAGE, "Median working days per activity and per expert mission",
    "expert_median_days_by_period",
    lambda df, **_: expert_figures.median_days(
        df, title="Median expert working days per activity and per expert mission, by reporting period"),
    options=SLICERS, source_note=MEDIAN_NOTE, synthetic=True,
))
# Expenditure per working day, by reporting period and by region: dimension, title, category axis title.
for _dimension, _by, _category_title in (
    ("period", "reporting period", "Reporting period of the activity's start"),
    ("region", "region", "Region of the partner country"),
):
    register(Chart(
        f"expert-expenditure-per-day-{_dimension}", PAGE, f"Expenditure per expert working day by {_by}",
        "expert_expenditure_per_day_by_dimensions",
        lambda df, title, _category_title=_category_title, **_: expert_figures.expenditure_per_day(
            df, category_title=_category_title, title=title),
        options={**SLICERS, "dimension": _dimension}, rows_of="dimension", source_note=EXPENDITURE_NOTE,
        synthetic=True, titled=True,
    ))
