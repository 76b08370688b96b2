"""Charts of the Overview page."""

from socieux import figures
from socieux.charts.catalogue import Chart, register

register(Chart(
    "overview-period-area", "Overview", "Requests received by reporting period and area of work",
    "requests_by_period_and_area",
    lambda df, title: figures.stacked_bars(
        df, x="period", y="requests", colour="area_of_work", title=title,
        x_title="Reporting period of receipt", y_title="Requests received", total_of="area",
    ),
    selects={"x": "period", "legendgroup": "area"}, titled=True,
))
register(Chart(
    "overview-status", "Overview", "Requests received, by status at the data date, grouped by stage",
    "requests_by_status", figures.requests_by_status, selects={"legendgroup": "stage"}, titled=True,
))
register(Chart(
    "overview-region", "Overview", "Requests received by region", "requests_by_region",
    lambda df, title: figures.category_bars(df, category="region", value="requests", title=title,
                                            value_title="Requests received"),
    selects={"x": "region"}, titled=True,
))
register(Chart(
    "overview-income-group", "Overview", "Requests received by income group of the partner country",
    "requests_by_income_group",
    lambda df, title: figures.category_bars(df, category="income_group", value="requests", title=title,
                                            value_title="Requests received"),
    source_note="Income groups: World Bank classification FY2020 for most countries, one per country.",
    selects={"x": "income_group"}, titled=True,
))

