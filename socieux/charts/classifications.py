"""Charts of the classifications of requests, on the Requests page: fields of intervention, types of
assistance, SDGs (docs/definitions.md, "Classifications")."""

from socieux import classification_figures
from socieux.charts.catalogue import Chart, register

PAGE = "Requests"

register(Chart(
    "requests-fields", PAGE, "Requests by field of intervention and area of work", "requests_by_field",
    classification_figures.field_sunburst,
    source_note="Fields as published in the final report 2016-2020, Tables 6 and 7, which list only fields with "
                "more than two (Social Protection) or three (Labour & Employment) requests. A request with several "
                "fields counts once per field; requests without a published field are 'not classified in the report'.",
    selects={"id.0": "area", "id.1": "field"},
))
register(Chart(
    "requests-type-of-assistance", PAGE, "Requests by type of assistance and area of work",
    "requests_by_type_of_assistance",
    lambda df, *, type_level, status_set: classification_figures.type_of_assistance_bars(
        df, level=type_level, status_set=status_set),
    options={"type_level": 2, "status_set": "received"},
    source_note="Types of assistance published in the final report 2016-2020 (Annexes G-K, 63 actions); the others "
                "are synthetic demo data calibrated to the report's totals (hatched). A type counts its sub-types.",
    synthetic=True,
    selects={"customdata.0": "type", "customdata.1": "area"},
))
register(Chart(
    "requests-sdg-published", PAGE, "Requests by SDG, as published", "sdg_published",
    lambda df: classification_figures.sdg_bars(
        df, title="Requests by Sustainable Development Goal, as published (share of the 145 requests)",
        share_of="the 145 requests of the final report"),
    source_note="As published in the final report 2016-2020, Table 12 (an aggregate: the sidebar filters do not "
                "apply). Shares divide by the 145 requests and add up to more than 100%.",
))
register(Chart(
    "requests-sdg", PAGE, "Requests by SDG", "requests_by_sdg",
    lambda df: classification_figures.sdg_bars(
        df, title="Requests by Sustainable Development Goal (share of the requests in view; a request may count "
                  "under several SDGs)"),
    source_note="SDGs recorded on each request. Shares divide by the requests in view and add up to more than 100%.",
))
