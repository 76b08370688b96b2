"""Figure functions of the Feedback page: diverging five-point bars and mean scores, with the number of
answers behind every figure and a visible warning where there are fewer than five."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from socieux.amounts import MISSING, count_text, number_text, percent_text
from socieux.figures import BLUE, CATEGORY_COLOURS, LABEL_LINE, figure, titled, wrapped
from socieux.hovers import HOVER_TEMPLATE, hover_text

MIN_ANSWERS = 5  # below this, a share or mean is shown with a warning
ROW_PX = 58  # an item of the agreement charts: its name on up to two lines and its share positive under it
LEGEND_ENTRY_PX = 30  # room for one legend entry, which a phone's width stacks one under another
WARNING_SIGN = "⚠"
SIDE_PANEL, PANEL_GAP = 0.2, 0.06  # the width of the panel of answers left out, and the gap before it

# Columns of queries/feedback/survey_agreement.sql -> answer label, disagree to agree.
SCALE = [
    ("completely_disagree", "Completely disagree"),
    ("partially_disagree", "Partially disagree"),
    ("neutral", "Do not agree nor disagree"),
    ("partially_agree", "Partially agree"),
    ("completely_agree", "Completely agree"),
]
LEFT_OUT = [("not_relevant", "Not relevant"), ("not_applicable", "Not applicable")]
DENOMINATOR_RULE = (
    "Share positive = Completely or Partially agree / answers on the five-point scale. Not relevant, "
    "Not applicable and blank answers are left out of the share (shown apart on the right); the neutral "
    "answer stays in. Bars: disagree to the left of zero, agree to the right, neutral split across zero."
)


def few_answers(n: int) -> bool:
    return n < MIN_ANSWERS


def _answers_note(n: int) -> str:
    return f"{WARNING_SIGN} only {n} answer{'' if n == 1 else 's'}" if few_answers(n) else f"n = {n:,}"


def diverging_agreement(df: pd.DataFrame, *, title: str) -> go.Figure:
    """Diverging stacked bars of the five-point scale per item, Not relevant / Not applicable apart on the right.

    ``df``: one row per item (``item``, ``wording``, the count columns of ``SCALE`` and ``LEFT_OUT``,
    ``answered``, ``share_positive``), top item first.
    """
    items = df["item"].astype(str).tolist()
    answered = df["answered"].fillna(0).astype(int).tolist()
    labels = [
        f"{WARNING_SIGN} {item}" if few_answers(n) else item for item, n in zip(items, answered)
    ]
    denominators = [n if n else 1 for n in answered]
    # The side panel only where something was left out (PAF has no Not relevant / Not applicable).
    left_out = any(df[column].fillna(0).sum() > 0 for column, _ in LEFT_OUT)
    scale_title = "Share of answers: disagree ← | → agree"

    def shares(column: str) -> list[float]:
        return [count / d for count, d in zip(df[column].fillna(0), denominators)]

    def hover(column: str, label: str) -> list[str]:
        """The item, its wording, the answers with this label and their share of the answers on the scale."""
        return [hover_text(item, w, f"{label}: {count_text(c, 'answers')} of {number_text(n)}",
                           f"{percent_text(c / n if n else 0)} of the answers on the scale")
                for item, w, c, n in zip(labels, df["wording"], df[column].fillna(0), answered)]

    neutral = shares("neutral")
    # Relative bar mode stacks each side outwards in trace order: the neutral halves sit next to zero.
    ordered = [
        ("neutral", "Do not agree nor disagree", [-s / 2 for s in neutral], True),
        ("neutral", "Do not agree nor disagree", [s / 2 for s in neutral], False),
        ("partially_disagree", "Partially disagree", [-s for s in shares("partially_disagree")], True),
        ("partially_agree", "Partially agree", shares("partially_agree"), True),
        ("completely_disagree", "Completely disagree", [-s for s in shares("completely_disagree")], True),
        ("completely_agree", "Completely agree", shares("completely_agree"), True),
    ]
    rank = {label: position for position, (_, label) in enumerate(SCALE)}
    traces = [
        {"type": "bar", "y": labels, "x": values, "orientation": "h", "name": label, "legendgroup": label,
         "showlegend": legend, "legendrank": rank[label], "marker": {"color": CATEGORY_COLOURS[label]},
         "hovertext": hover(column, label), "hovertemplate": HOVER_TEMPLATE, "xaxis": "x", "yaxis": "y"}
        for column, label, values, legend in ordered
    ]
    positive_text = [
        "no answers" if n == 0 else f"{share:.0%} positive · {_answers_note(n)}"
        for share, n in zip(df["share_positive"].fillna(0), answered)
    ]
    # every answer given to the item: on the scale or left out of it
    given = [n + sum(int(df[column].fillna(0).iloc[row]) for column, _ in LEFT_OUT) for row, n in enumerate(answered)]
    for column, label in LEFT_OUT if left_out else []:
        traces.append({
            "type": "bar", "y": labels, "x": df[column].fillna(0), "orientation": "h", "name": f"{label} (left out)",
            "legendgroup": label, "legendrank": 10 + len(traces), "marker": {"color": CATEGORY_COLOURS[label]},
            "hovertext": [hover_text(item, w, f"{label}: {count_text(c, 'answers')}",
                                     f"{percent_text(c / total if total else 0)} of the answers given, left out of "
                                     "the shares")
                          for item, w, c, total in zip(labels, df["wording"], df[column].fillna(0), given)],
            "hovertemplate": HOVER_TEMPLATE, "xaxis": "x2", "yaxis": "y2",
        })
    # Half the axis for disagreement is enough unless disagreement (with half the neutral) passes 45 %.
    disagree = [a + b + n / 2 for a, b, n in zip(shares("completely_disagree"), shares("partially_disagree"), neutral)]
    left = -1.0 if max(disagree, default=0) > 0.45 else -0.5
    ticks = [t for t in (-1, -0.5, 0, 0.5, 1) if t >= left]
    # The panels are named under their axes: titles above them would run into each other on a phone.
    scale_end = (1 - PANEL_GAP) * (1 - SIDE_PANEL) if left_out else 1.0
    layout = {
        # The template's legend on the right: a legend below the axes would collide with the export footer.
        "barmode": "relative", "legend": {"title": {"text": "Answer"}},
        "height": max(320, ROW_PX * len(labels) + 200
                      + LEGEND_ENTRY_PX * len({t["name"] for t in traces if t.get("showlegend") is not False})),
        "xaxis": {"anchor": "y", "domain": [0.0, scale_end], "title": {"text": scale_title},
                  "range": [left - 0.02, 1.02], "tickvals": ticks,
                  "ticktext": [f"{abs(t):.0%}" if t else "0" for t in ticks], "zeroline": True,
                  "zerolinecolor": "#555555", "showgrid": True, "gridcolor": "#EEEEEE"},
        # Each item's share positive and answers under its name: they stay in view at a phone's width too.
        "yaxis": {"anchor": "x", "domain": [0.0, 1.0], "categoryorder": "array", "categoryarray": labels[::-1],
                  "tickmode": "array", "tickvals": labels,
                  "ticktext": [f"{wrapped(label, LABEL_LINE)}<br><span style='font-size:12px'>{note}</span>"
                               for label, note in zip(labels, positive_text)]},
    }
    if left_out:
        layout["xaxis2"] = {"anchor": "y2", "domain": [scale_end + PANEL_GAP, 1.0],
                            "title": {"text": "Left out<br>(answers)", "font": {"size": 12}}, "rangemode": "tozero",
                            "showgrid": True, "gridcolor": "#EEEEEE", "nticks": 3, "tickangle": 0}
        layout["yaxis2"] = {"anchor": "x2", "domain": [0.0, 1.0], "matches": "y", "showticklabels": False}
    return figure(traces, titled(title, **layout))


def _question_bars(rows: pd.DataFrame, value: str, colour: str, value_text, hover_value) -> tuple[dict, list[str]]:
    """One horizontal bar per question of ``rows`` (a trace): ``value`` with its answers, the full wording on
    hover; and the questions' labels, top first."""
    answered = rows["answers"].fillna(0).astype(int).tolist()
    labels = [
        f"{WARNING_SIGN} {code} {label}" if few_answers(n) else f"{code} {label}"
        for code, label, n in zip(rows["question_code"], rows["short_label"], answered)
    ]
    bar = {
        "type": "bar", "y": labels, "x": rows[value], "orientation": "h", "marker": {"color": colour},
        "text": ["no answers" if n == 0 else f"{value_text(v)} · {_answers_note(n)}"
                 for v, n in zip(rows[value].fillna(0), answered)],
        "textposition": "auto", "insidetextanchor": "end",
        "hovertext": [hover_text(label, w, MISSING if n == 0 else hover_value(v), count_text(n, "answers"))
                      for label, w, v, n in zip(labels, rows["wording"], rows[value], answered)],
        "hovertemplate": HOVER_TEMPLATE,
    }
    return bar, labels


def mean_scores(df: pd.DataFrame, *, title: str) -> go.Figure:
    """Mean score (1 to 5) per rated question, with the number of answers and the full wording on hover."""
    bar, labels = _question_bars(
        df[df["scale"] == "L5"], "mean_score", BLUE, lambda m: f"{m:.2f}",
        lambda m: f"Mean score {number_text(m, 2)} of 5",
    )
    return figure([bar], titled(
        title, height=max(300, 48 * len(labels) + 150),
        xaxis={"range": [0, 5], "tickvals": [1, 2, 3, 4, 5], "title": {"text": "Mean score (1 to 5)"}},
        yaxis={"categoryorder": "array", "categoryarray": labels[::-1]},
    ))


def share_yes(df: pd.DataFrame, *, title: str) -> go.Figure:
    """Share of Yes per yes/no question, with the number of answers and the full wording on hover."""
    bar, labels = _question_bars(
        df[df["scale"] == "YN"], "share_yes", CATEGORY_COLOURS["Completely agree"],
        lambda share: f"{share:.0%} Yes", lambda share: f"{percent_text(share)} Yes",
    )
    return figure([bar], titled(
        title, height=max(240, 56 * len(labels) + 150),
        xaxis={"range": [0, 1], "tickvals": [0, 0.5, 1], "tickformat": ".0%", "title": {"text": "Share answering Yes"}},
        yaxis={"categoryorder": "array", "categoryarray": labels[::-1]},
    ))
