"""The rules the pages read off their queries, on small hand-built tables: amounts in words, the report's
totals beside the cards, the latest cohort against its target, the versions' labels."""

from __future__ import annotations

import pandas as pd
import pytest

from socieux.amounts import amount_text, days_text, euros_text
from socieux.indicators import BEHIND, ON_TRACK
from socieux.kpis import KPIS, CardModel
from socieux.processing_times import DECISION_MEASURE, latest_decision, open_requests_words
from socieux.reconciliation import report_figure_note, with_report_notes
from socieux.ui.versions import restorable, version_labels


@pytest.mark.parametrize(("value", "measure", "signed", "text"), [
    (6315.0, "working_days", False, "6,315"),
    (836.5, "expert_working_days", False, "836.5"),
    (-12.0, "working_days", True, "-12"),
    (3178280.4, "expenditure_eur", False, "€3,178,280"),
    (250.0, "expenditure_eur", True, "+€250"),
    (145.0, "received", True, "+145"),
])
def test_amounts_are_written_in_their_unit(value, measure, signed, text):
    assert amount_text(value, measure, signed=signed) == text


def test_days_and_euros_alone():
    assert (days_text(1895.0), days_text(1399.5), euros_text(-1000.0)) == ("1,895", "1,399.5", "-€1,000")


FIGURES = pd.DataFrame({
    "figure_id": ["working_days", "expenditure"], "Figure": ["Expert working days", "Action expenditure"],
    "Unit": ["working days", "EUR"], "Dashboard": [6315.0, 3178280.0], "Final report": [6752.0, 3480000.0],
    "Why they differ": ["Legacy actions.", "Legacy actions; rounded."],
})


def test_a_card_note_gives_the_report_figure_and_why():
    assert report_figure_note(FIGURES, "working_days") == (
        "The final report publishes 6,752 working days (Expert working days); the request list gives 6,315 "
        "working days. Legacy actions. See 'Compared with the final report' below the cards.")
    assert report_figure_note(FIGURES, "expenditure").startswith("The final report publishes €3,480,000 (")
    assert report_figure_note(FIGURES, "days_latin_america_top3") == ""


def test_only_the_cards_the_report_publishes_otherwise_get_a_note():
    def card(key, note=""):
        return CardModel(KPIS[key], 1.0, "in every reporting period", None, "", note)

    noted = with_report_notes([card("received"), card("working_days"), card("expenditure_eur", "64 unknown.")],
                              FIGURES)
    assert noted[0].note == ""
    assert noted[1].note.startswith("The final report publishes 6,752 working days")
    assert noted[2].note.startswith("64 unknown. The final report publishes €3,480,000")


def cohorts(median_weeks, target_weeks):
    return pd.DataFrame({
        "cohort": ["RP1", "RP1-RP2", "RP1-RP2"], "requests": [10, 25, 24],
        "measure": [DECISION_MEASURE, DECISION_MEASURE, "Receipt to approval"],
        "median_weeks": [5.0, median_weeks, 3.0], "target_weeks": [6.0, target_weeks, 6.0],
    })


@pytest.mark.parametrize(("median", "target", "mark"), [
    (6.0, 6.0, ON_TRACK),     # at most the target: a time target is met at equality
    (6.5, 6.0, BEHIND),
    (6.5, None, None),        # no target set: no judgement
])
def test_the_latest_cohort_is_judged_against_its_time_target(median, target, mark):
    reading = latest_decision(cohorts(median, target))
    assert (reading.cohort, reading.requests, reading.median_weeks, reading.mark) == ("RP1-RP2", 25, median, mark)


def test_no_decided_cohort_gives_no_reading():
    assert latest_decision(cohorts(5.0, 6.0).iloc[2:]) is None


def test_open_requests_say_how_many_are_shown():
    assert open_requests_words(1, 1000) == "1 request in a non-terminal status at the data date, oldest first."
    assert open_requests_words(1200, 1000).startswith("1,200 requests are in a non-terminal status at the data "
                                                      "date; the 1,000 oldest are shown.")


def test_versions_are_labelled_and_only_earlier_loads_restorable():
    events = pd.DataFrame({
        "Version": [3, 2, 2, 1], "Event": ["Loaded", "Restored", "Loaded", "Loaded"],
        "File": ["may.xlsx", None, None, "bundled.xlsx"], "Data as of": ["2020-09-28"] * 4,
        "Who": ["anna", "ben", "bundled data", "bundled data"], "Current": [True, False, False, False],
    })
    assert version_labels(events) == {
        3: "Version 3: may.xlsx, data as of 2020-09-28, loaded by anna",
        2: "Version 2: no file, data as of 2020-09-28, loaded by bundled data",
        1: "Version 1: bundled.xlsx, data as of 2020-09-28, loaded by bundled data",
    }
    assert restorable(events) == [2, 1]
