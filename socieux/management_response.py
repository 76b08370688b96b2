"""The two downloads of the Evaluation follow-up page: the management response (Word) and the matrix (Excel)."""

from __future__ import annotations

import io

import pandas as pd
from docx import Document
from docx.shared import Pt

from socieux.exports import to_xlsx_bytes

EXAMPLE_LABEL = "Example from another programme, not SOCIEUX+ data"


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA else str(value)


def management_response_docx(evaluations: pd.DataFrame, recommendations: pd.DataFrame,
                             key_actions: pd.DataFrame, *, as_of: str) -> bytes:
    """A Word document per evaluation: each recommendation, management's response, and its key actions table."""
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading("Management response and follow-up", level=0)
    document.add_paragraph(f"Latest status of each key action as recorded; overdue as of {as_of}.")
    for evaluation in evaluations.itertuples(index=False):
        document.add_heading(f"{evaluation.title} ({evaluation.evaluation_id})", level=1)
        if not evaluation.is_facility_own:
            document.add_paragraph(EXAMPLE_LABEL).runs[0].bold = True
        facts = [("Organisation", evaluation.organisation), ("Type", evaluation.evaluation_type),
                 ("Evaluator", evaluation.evaluator), ("Evaluation", evaluation.evaluation_date),
                 ("Response date", evaluation.response_date), ("Approved by", evaluation.approved_by),
                 ("Approval date", evaluation.approval_date)]
        for label, value in facts:
            if _text(value):
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(_text(value))
        if _text(evaluation.overall_response):
            document.add_paragraph(_text(evaluation.overall_response))
        for recommendation in recommendations[recommendations["Evaluation"] == evaluation.evaluation_id].to_dict(
                "records"):
            _recommendation(document, recommendation, key_actions)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _recommendation(document, recommendation: dict, key_actions: pd.DataFrame) -> None:
    document.add_heading(f"Recommendation {recommendation['Recommendation']}", level=2)
    document.add_paragraph(_text(recommendation["Recommendation text"]))
    paragraph = document.add_paragraph()
    paragraph.add_run("Response: ").bold = True
    paragraph.add_run(_text(recommendation["Response"]))
    if _text(recommendation["Response text"]):
        document.add_paragraph(_text(recommendation["Response text"]))
    if _text(recommendation["Considerations"]):
        paragraph = document.add_paragraph()
        paragraph.add_run("Considerations: ").bold = True
        paragraph.add_run(_text(recommendation["Considerations"]))
    actions = key_actions[(key_actions["Evaluation"] == recommendation["Evaluation"])
                          & (key_actions["Recommendation"] == recommendation["Recommendation"])]
    if actions.empty:
        document.add_paragraph("No key action recorded.").runs[0].italic = True
        return
    for kind, group in actions.groupby("Kind (as printed)", sort=False, dropna=False):
        document.add_paragraph(_text(kind) or "Key actions").runs[0].bold = True
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, title in zip(table.rows[0].cells, ("Key action", "Responsible", "Period", "Latest status")):
            cell.text = title
            cell.paragraphs[0].runs[0].bold = True
        for action in group.to_dict("records"):
            cells = table.add_row().cells
            cells[0].text = _text(action["Text"])
            cells[1].text = _text(action["Responsible"])
            cells[2].text = _text(action["Period (as printed)"])
            cells[3].text = _text(action["Latest status"]) + (" (overdue)" if action["Overdue"] else "")


def follow_up_matrix_xlsx(key_actions: pd.DataFrame, recommendations: pd.DataFrame, context: list[str]) -> bytes:
    """The follow-up matrix (one row per key action) and the recommendations with their response, as Excel."""
    return to_xlsx_bytes({"Follow-up matrix": key_actions, "Recommendations": recommendations}, context)
