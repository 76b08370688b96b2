"""The data behind a chart as a reader gets it in a file: the columns in words with their units, no column that
only orders or flags rows for the figure, shares in per cent rounded as the charts show them
(docs/definitions.md, "Downloads")."""

from __future__ import annotations

import pandas as pd

# Columns that only order or steer the figure: never in a file.
INTERNAL = frozenset({
    "rp_order", "sort_order", "period_order", "area_order", "category_order", "stage_order", "status_order",
    "measure_order", "cohort_order", "step_order", "due_order", "progress_order", "period_started",
    "period_finished", "matching_requests", "iso3", "parent_code", "level",
})

# Shares of one (0.25) written as per cent (25.0), to a tenth as the charts show them.
SHARES = {
    "share": "Share (%)", "share_in_view": "Share of the requests in view (%)", "area_share": "Share of the area (%)",
    "category_share": "Share of the category (%)", "stage_share": "Share of the stage (%)",
    "share_positive": "Positive answers (%)", "share_yes": "Answering Yes (%)",
}

WORDS = {
    "period": "Reporting period", "period_label": "Reporting period (dates)", "cohort": "Cohort of receipt",
    "area": "Area of work", "area_of_work": "Area of work", "region": "Region", "income_group": "Income group",
    "country": "Partner country", "category": "Category", "status": "Status", "stage": "Stage",
    "decision": "Decision", "measure": "Measure", "step": "Processing step (code)", "step_label": "Processing step",
    "field": "Field of intervention", "field_code": "Field code", "type_code": "Type code",
    "type_of_assistance": "Type of assistance", "sdg_code": "SDG", "label": "Name", "source": "Source",
    "requests": "Requests", "area_requests": "Requests of the area", "category_requests": "Requests of the category",
    "stage_requests": "Requests of the stage", "requests_in_branch": "Requests in the branch",
    "requests_with_field": "Requests with this field", "implemented": "Actions implemented",
    "synthetic_requests": "Requests with synthetic dates", "is_synthetic": "Synthetic demo data",
    "working_days": "Expert working days", "costed_working_days": "Working days with known expenditure",
    "assignments": "Assignments", "experts": "Experts", "nationality": "Nationality",
    "nationalities": "Nationalities", "main_type": "Main type of expert", "type": "Type of expert",
    "median_days": "Median working days", "n": "Counted", "expenditure_eur": "Expenditure (EUR)",
    "expenditure_per_day": "Expenditure per working day (EUR)",
    "calls": "Calls for experts", "applications": "Applications", "selected": "Experts selected",
    "applications_per_call": "Applications per call",
    "median_weeks": "Median weeks", "mean_weeks": "Mean weeks", "min_weeks": "Shortest (weeks)",
    "max_weeks": "Longest (weeks)", "lower_quartile_weeks": "Lower quartile (weeks)",
    "upper_quartile_weeks": "Upper quartile (weeks)", "lower_whisker_weeks": "Lower whisker (weeks)",
    "upper_whisker_weeks": "Upper whisker (weeks)", "target_weeks": "Target (weeks)",
    "within_value": "Within the period", "cumulative_value": "Since RP1 (cumulative)",
    "within_base": "Base within the period", "cumulative_base": "Base since RP1",
    "within_approval_weeks": "Receipt to approval within the period (weeks)",
    "cumulative_approval_weeks": "Receipt to approval since RP1 (weeks)",
    "within_rejection_weeks": "Receipt to rejection within the period (weeks)",
    "cumulative_rejection_weeks": "Receipt to rejection since RP1 (weeks)",
    "target_value": "Target", "baseline_value": "Baseline", "target_source": "Source of the target",
    "status_basis": "Statuses as at",
    "item": "Item", "question_code": "Question", "short_label": "Question (short)", "scale": "Scale",
    "answers": "Answers", "answered": "Answers on the scale", "responses": "Forms", "mean_score": "Mean score (1-5)",
    "positive": "Positive answers", "completely_disagree": "Completely disagree",
    "partially_disagree": "Partially disagree", "neutral": "Do not agree nor disagree",
    "partially_agree": "Partially agree", "completely_agree": "Completely agree", "not_relevant": "Not relevant",
    "not_applicable": "Not applicable", "blank": "Blank", "wording": "Wording",
    "evaluation": "Evaluation", "progress": "Progress", "key_actions": "Key actions", "due": "Due",
}


def chart_data_in_words(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` as a file carries it: internal columns left out, the others named in words, shares in per cent."""
    out = df.drop(columns=[c for c in df.columns if c in INTERNAL])
    for column, name in SHARES.items():
        if column in out.columns and pd.api.types.is_numeric_dtype(out[column]):
            out[column] = (out[column] * 100).round(1)
    return out.rename(columns=lambda c: SHARES.get(c) or WORDS.get(c) or c)
