"""Charts of the Feedback page: the three feedback forms (synthetic demo data until real answers are loaded)."""

from socieux import survey_figures
from socieux.charts.catalogue import Chart, register

PAGE = "Feedback"
PIF_NOTE = (
    "Partner institutions' feedback (PIF): mean of the scores 1-5 per question; n = answers. A response "
    "counts in the reporting period of its activity's start (else of its submission)."
)

register(Chart(
    "survey-pif-scores", PAGE, "Partner institutions: mean score per question", "survey_pif_scores",
    lambda df, **_: survey_figures.mean_scores(
        df, title="Partner institutions' feedback: mean score per question (1 to 5)"),
    source_note=PIF_NOTE, synthetic=True,
))
register(Chart(
    "survey-pif-yes", PAGE, "Partner institutions: future collaboration and recommendation", "survey_pif_scores",
    lambda df, **_: survey_figures.share_yes(
        df, title="Partner institutions' feedback: share answering Yes"),
    source_note=PIF_NOTE, synthetic=True,
))
for chart_id, form, level, title in [
    ("survey-exf-domains", "EXF", "domain", "Experts' feedback: agreement by domain"),
    ("survey-exf-questions", "EXF", "question", "Experts' feedback: agreement per question"),
    ("survey-paf-domains", "PAF", "domain", "Participants' feedback: agreement by domain"),
    ("survey-paf-questions", "PAF", "question", "Participants' feedback: agreement per question"),
]:
    register(Chart(
        chart_id, PAGE, title, "survey_agreement",
        (lambda t: lambda df, **_: survey_figures.diverging_agreement(df, title=t))(title),
        options={"form": form, "level": level}, source_note=survey_figures.DENOMINATOR_RULE, synthetic=True,
    ))
