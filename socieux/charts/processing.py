"""Charts of the Processing times page: median weeks from receipt to decision and to each processing step."""

from socieux import indicator_figures
from socieux.charts.catalogue import Chart, register

RULE_NOTE = (
    "Weeks start at the 'received' processing step, else at the date of receipt unless it is an estimate "
    "(then the request is left out). Approval: AAF approval; from RP4 on, non-objection when no approval is "
    "recorded. Rejection: entry into a rejected status."
)

register(Chart(
    "processing-decision-cohort", "Processing times", "Median weeks from receipt to decision, by cohort of receipt",
    "processing_decision_by_cohort", indicator_figures.decision_weeks_by_cohort,
    options={"cohort_mode": "cumulative"}, source_note=RULE_NOTE, synthetic=True,
    # A cohort of one reporting period filters by it; a cumulative cohort (RP1-RP3) spans several.
    selects={"x": "period"}, clickable_when={"cohort_mode": "period"},
))
register(Chart(
    "processing-decision-group", "Processing times",
    "Median weeks from receipt to approval or rejection, by area of work or region",
    "processing_decision_by_group", indicator_figures.decision_weeks_by_group,
    options={"dimension": "area"}, source_note=RULE_NOTE, synthetic=True, selects={"x": "{dimension}"},
))
# Not clickable: a box drawn from its statistics has no point for a click to select, and a processing step is
# not a sidebar filter.
register(Chart(
    "processing-decision-spread", "Processing times",
    "Weeks from receipt to approval or rejection, each request",
    "processing_decision_spread", indicator_figures.decision_weeks_spread,
    source_note=RULE_NOTE, synthetic=True,
))
register(Chart(
    "processing-step-medians", "Processing times", "Median weeks from receipt to each processing step",
    "processing_step_medians", indicator_figures.step_medians,
    options={"cohort_mode": "cumulative"}, source_note=RULE_NOTE, synthetic=True,
))
