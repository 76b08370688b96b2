"""The Fractioned toggle: Fractioned requests counted (the default) or left out of the requests in view."""

from __future__ import annotations

from socieux.filters import FRACTIONED_LEFT_OUT, Filters, describe_scope
from socieux.queries import run_query
from tests.test_pages import metrics, open_page
from tests.test_stocks import history_con  # noqa: F401 (the fixture with a status history)

LEFT_OUT = Filters(fractioned=False)


def test_the_toggle_is_on_by_default_and_says_so_only_when_off():
    assert Filters().fractioned and Filters().is_empty()
    assert Filters().describe() == "All requests (no filter)"
    assert not LEFT_OUT.is_empty()
    assert LEFT_OUT.describe() == FRACTIONED_LEFT_OUT
    assert Filters(regions=("Africa",), fractioned=False).describe() == f"Region: Africa · {FRACTIONED_LEFT_OUT}"
    assert FRACTIONED_LEFT_OUT in describe_scope(LEFT_OUT, {"status_set": "implemented_revised"})
    assert Filters().params()["fractioned"] is True and LEFT_OUT.params()["fractioned"] is False


def test_left_out_of_received_and_in_processing(fixture_db):
    counted = run_query(fixture_db, "kpi_totals", Filters().params()).iloc[0]
    left_out = run_query(fixture_db, "kpi_totals", LEFT_OUT.params()).iloc[0]
    # Ten codes, one of them Fractionated (2017-20); open: 2016-12, 2017-20, 2018-01, 2019-40, 2020-02.
    assert (counted["received"], counted["in_processing"]) == (10, 5)
    assert (left_out["received"], left_out["in_processing"]) == (9, 4)
    # Nothing else moves: 2017-20 is neither implemented nor closed and has no expert days.
    for measure in ("implemented", "closed", "working_days"):
        assert left_out[measure] == counted[measure], measure


def test_left_out_of_the_breakdowns_and_the_request_list(fixture_db):
    def statuses(filters: Filters) -> dict[str, int]:
        by_status = run_query(fixture_db, "requests_by_status", filters.params())
        return dict(zip(by_status["status"], by_status["requests"]))

    assert statuses(Filters())["Fractioned"] == 1
    assert "Fractioned" not in statuses(LEFT_OUT) and sum(statuses(LEFT_OUT).values()) == 9
    listed = run_query(fixture_db, "request_list", {**LEFT_OUT.params(), "limit": 100, "search": "", "sort": "code"})
    assert "2017-20" not in set(listed["Code"]) and len(listed) == 9


def test_stocks_leave_out_a_request_fractioned_at_that_period_end(history_con):  # noqa: F811
    def stocks(filters: Filters):
        return run_query(history_con, "kpi_stocks_by_period", filters.params()).set_index("period")

    counted, left_out = stocks(Filters()), stocks(LEFT_OUT)
    # RP2 end (snapshot of 31 Aug 2018): five requests, 2017-20 Fractionated among the four open ones.
    columns = ["requests_received_by_end", "in_processing", "implemented", "closed"]
    assert counted.loc["RP2", columns].tolist() == [5, 4, 2, 1]
    assert left_out.loc["RP2", columns].tolist() == [4, 3, 2, 1]
    # RP4 end: 2017-20 still Fractionated (the RP2 snapshot is its latest status by 4 Sep 2020).
    assert counted.loc["RP4", columns].tolist() == [9, 4, 3, 5]
    assert left_out.loc["RP4", columns].tolist() == [8, 3, 3, 5]


def test_the_bundled_overview_with_fractioned_left_out(app_env):
    # The bundled list has two Fractioned requests (2019-36 and 2019-37, Thailand, RP4), both open.
    at = open_page(fractioned="false")
    shown = metrics(at)
    assert shown["Requests received"] == "143" and shown["In processing"] == "46"
    assert shown["Actions implemented"] == "84"
    assert any(FRACTIONED_LEFT_OUT in caption.value for caption in at.caption)
    assert at.toggle(key="fractioned").value is False
