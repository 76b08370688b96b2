"""The Evaluation follow-up page's section per evaluation, assembled once per dataset version and settings.

Splitting the recommendations, findings and key actions by evaluation is pandas work on small query results;
shared by every session, a rerun of the page only draws (docs/performance.md, "Cheap reruns").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from socieux.ui.data import derived, query
from socieux.ui.markdown import escape_markdown

FACTS = {"evaluation_type": "Type", "evaluator": "Evaluator", "evaluation_date": "Evaluation",
         "response_date": "Response date", "approved_by": "Approved by", "approval_date": "Approval date"}


@dataclass(frozen=True)
class EvaluationSection:
    evaluation: str                   # its identifier, e.g. "MTE-2019"
    heading: str                      # "title (identifier)"
    is_example: bool                  # another organisation's management response, not SOCIEUX+ data
    facts: str                        # type, evaluator, dates, approval: one line, as markdown text
    overall_response: str | None      # management's overall response, as markdown text
    findings: pd.DataFrame | None     # None when the evaluation lists none
    recommendations: pd.DataFrame
    key_actions: pd.DataFrame | None  # None when it records none
    mixes_considerations: bool        # its key actions mix proposed measures with considerations, as printed


def _sections(scope: tuple[tuple[str, Any], ...]) -> tuple[EvaluationSection, ...]:
    settings = dict(scope)
    summary = query("evaluation_summary", **settings)
    recommendations = query("evaluation_recommendations", **settings)
    key_actions = query("evaluation_key_actions", **settings)
    details = query("evaluation_details", **settings).set_index("evaluation_id")
    findings = query("evaluation_findings", **settings)
    sections = []
    for evaluation in summary.itertuples(index=False):
        mine = recommendations[recommendations["Evaluation"] == evaluation.Evaluation]
        if mine.empty:
            continue
        facts = details.loc[evaluation.Evaluation]
        own_findings = findings[findings["Evaluation"] == evaluation.Evaluation]
        actions = key_actions[key_actions["Evaluation"] == evaluation.Evaluation]
        kinds = actions["Kind (as printed)"].dropna().unique().tolist()
        sections.append(EvaluationSection(
            evaluation=evaluation.Evaluation,
            heading=f"{evaluation.Title} ({evaluation.Evaluation})",
            is_example=evaluation.Data != "SOCIEUX+",
            facts=escape_markdown(" · ".join(f"{label}: {facts[field]}" for field, label in FACTS.items()
                                             if isinstance(facts[field], str) and facts[field])),
            overall_response=(escape_markdown(facts["overall_response"])
                              if isinstance(facts["overall_response"], str) else None),
            findings=None if own_findings.empty else own_findings.drop(columns="Evaluation"),
            recommendations=mine.drop(columns="is_facility_own"),
            key_actions=None if actions.empty else actions.drop(columns=["Evaluation", "Response"]),
            mixes_considerations=any("consideration" in kind.lower() for kind in kinds),
        ))
    return tuple(sections)


def evaluation_sections(scope: dict[str, Any]) -> tuple[EvaluationSection, ...]:
    """One section per evaluation with recommendations in view, in the order of the summary table."""
    return derived(_sections, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in scope.items())))
