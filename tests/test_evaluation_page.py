"""The Evaluation follow-up page with AppTest on the bundled data: the counts of data/bundled/evaluations."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")
OTHER_ORGANISATIONS = ["International Labour Office (ILO)", "Oxfam", "WSM/ANMC, IIWE and MIS",
                       "WSM/ANMC-LCM, ACV-CSCi and BIS-MSI"]


def open_evaluation_page(**query_params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(query_params)
    at.run()
    at.switch_page("pages/evaluation.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def summary(at: AppTest):
    return at.dataframe[0].value.set_index("Evaluation")


def test_the_page_opens_on_the_facility_s_own_evaluations(app_env):
    at = open_evaluation_page(as_of="2026-12-01")
    assert {m.label: m.value for m in at.metric} == {
        "Recommendations": "31", "Key actions": "58", "Done": "0", "In progress": "0", "Overdue": "0",
        "No status reported": "58",
    }
    table = summary(at)
    assert table.index.tolist() == ["SOCIEUX-ROM-2018", "SOCIEUX-MTE-2019"]
    # ROM: 6 recommendations, 17 measures, 23 updates, 6 conclusions; MTE: 25, 41, 21, none
    assert table[["Recommendations", "Key actions", "Updates", "Findings"]].values.tolist() == [
        [6, 17, 23, 6], [25, 41, 21, 0]]
    assert set(table["Data"]) == {"SOCIEUX+"} and not at.warning  # no example label on the facility's own
    assert any("FMT's proposed measures and consideration" in c.value for c in at.caption)
    conclusions = next(d.value for d in at.dataframe if "Criterion" in d.value.columns)
    assert conclusions["Finding"].tolist() == ["C1", "C2", "C3", "C4", "C5", "C6"]  # the ROM's conclusions


def test_other_programmes_behind_the_organisation_filter_labelled(app_env):
    at = open_evaluation_page(as_of="2026-12-01", organisation=OTHER_ORGANISATIONS)
    table = summary(at)
    assert table["Recommendations"].to_dict() == {
        "ILO-HLE-2020-I": 9, "ILO-HLE-2020-II": 7, "ILO-HLE-2020-III": 7, "OXFAM-FE-DGD-2017-2021": 21,
        "WSM-MTE-2017-2021": 8, "WSM-MTE-2022-2026": 9}
    assert table["Key actions"].to_dict() == {
        "ILO-HLE-2020-I": 0, "ILO-HLE-2020-II": 0, "ILO-HLE-2020-III": 0, "OXFAM-FE-DGD-2017-2021": 21,
        "WSM-MTE-2017-2021": 24, "WSM-MTE-2022-2026": 18}
    # as of 1 Dec 2026 (no status stated anywhere): Oxfam's 7 actions dated up to Jan 2025, WSM 2017-2021's
    # 15 with periods ending 2020-2023; WSM 2022-2026's periods end 31 Dec 2026 or later.
    assert table["Overdue"].to_dict()["OXFAM-FE-DGD-2017-2021"] == 7
    assert table["Overdue"].to_dict()["WSM-MTE-2017-2021"] == 15
    assert table["Overdue"].sum() == 22
    assert set(table["Data"]) == {"Example from another programme, not SOCIEUX+ data"}
    assert any("Example from another programme, not SOCIEUX+ data" in w.value for w in at.warning)


def test_search_and_an_empty_selection(app_env):
    # not case sensitive: two MTE recommendations speak of cross-cutting issues, with five measures between them
    at = open_evaluation_page(as_of="2026-12-01", q="CROSS-CUTTING")
    assert summary(at)[["Recommendations", "Key actions"]].values.tolist() == [[0, 0], [2, 5]]
    at = open_evaluation_page(q="no such words anywhere")
    assert any("No recommendation matches" in i.value for i in at.info)
