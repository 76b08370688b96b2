"""The comparison with the previous reporting period behind every KPI card."""

import pandas as pd

from socieux.filters import Filters
from socieux.kpis import compared_period, period_change

BY_PERIOD = pd.DataFrame(
    {"period": ["SCX", "RP1", "RP2", "RP3"], "sort_order": [0, 1, 2, 3], "received": [0, 35, 38, 0]}
)


def test_without_a_period_filter_the_latest_period_with_requests_is_compared():
    assert compared_period(BY_PERIOD, ()) == "RP2"


def test_with_a_period_filter_the_latest_selected_period_is_compared():
    assert compared_period(BY_PERIOD, ("RP1",)) == "RP1"
    assert compared_period(BY_PERIOD, ("RP2", "RP1")) == "RP2"


def test_change_and_percent_against_the_previous_period():
    change = period_change(BY_PERIOD, "RP2", "received")
    assert (change.previous_period, change.change) == ("RP1", 3)
    assert round(change.percent, 2) == round(100 * 3 / 35, 2)


def test_no_percent_when_the_previous_period_is_zero_and_no_change_before_the_first():
    assert period_change(BY_PERIOD, "RP1", "received").percent is None
    assert period_change(BY_PERIOD, "SCX", "received") is None
    assert period_change(BY_PERIOD, None, "received") is None


def test_filters_in_words_and_as_parameters():
    filters = Filters.from_selections({"region": ["Africa"], "period": ["RP1", "RP2"]})
    assert filters.describe() == "Reporting period: RP1, RP2 · Region: Africa"
    assert filters.params()["regions"] == ["Africa"] and filters.params()["stages"] == []
    assert Filters().describe() == "All requests (no filter)" and Filters().is_empty()


def test_a_running_period_is_not_compared_unless_chosen():
    by_period = pd.DataFrame({"period": ["RP3", "RP4", "RP5"], "sort_order": [3, 4, 5],
                              "is_finished": [True, True, False], "working_days": [2114.0, 1099.0, 660.0]})
    # RP5 was still running at the data date: the cards compare RP4 with RP3.
    assert compared_period(by_period, (), "working_days") == "RP4"
    assert compared_period(by_period, ("RP5",), "working_days") == "RP5"
