"""Table downloads: CSV and Excel made only when clicked, from the table or from a function returning every row."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pandas as pd
import pytest
from openpyxl import load_workbook

from socieux.filters import Filters
from socieux.ui import layout

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Menu:
    """Stands in for an open download menu (a Streamlit popover): records the download buttons put in it."""

    def __init__(self, buttons: dict, key: str, options: dict) -> None:
        self.buttons = buttons
        buttons.setdefault("menus", []).append((key, options))

    def download_button(self, label, data, file_name, mime, **options):
        self.buttons[label] = SimpleNamespace(data=data, file_name=file_name, mime=mime, options=options)


def fake_streamlit(found: dict, *, menu_open: bool) -> SimpleNamespace:
    def popover(label, *, key, **options):
        menu = Menu(found, key, {"label": label, **options})
        menu.open = menu_open
        return menu

    return SimpleNamespace(popover=popover, caption=lambda text: found.setdefault("caption", text))


@pytest.fixture()
def buttons(monkeypatch) -> dict:
    found: dict = {}
    monkeypatch.setattr(layout, "st", fake_streamlit(found, menu_open=True))
    return found


def every_request() -> pd.DataFrame:
    return pd.DataFrame({"Code": ["2016-11", "2016-12", "2017-01"], "Country": ["Aland", "Aland", "Bland"]})


def downloads(rows, buttons: dict, **shown) -> dict:
    layout.table_downloads(rows, title="List of requests", page="Requests", filters=Filters(regions=("Africa",)),
                           as_of="2020-09-28", key="request-list", **shown)
    return buttons


def test_a_closed_menu_is_one_element_and_makes_nothing(monkeypatch):
    found: dict = {}
    monkeypatch.setattr(layout, "st", fake_streamlit(found, menu_open=False))
    calls = []
    downloads(lambda: calls.append("query") or every_request(), found)
    assert found["menus"] == [("request-list-downloads", {
        "label": "Download", "icon": ":material/download:", "type": "tertiary",
        "help": "The table as CSV or Excel, with its title, filters and data date.", "on_change": "rerun"})]
    assert set(found) == {"menus"} and calls == []


def test_nothing_is_built_before_a_click(buttons):
    calls = []
    found = downloads(lambda: calls.append("query") or every_request(), buttons)
    assert set(found) == {"menus", "Download CSV", "Download Excel"}
    assert calls == []
    for label in ("Download CSV", "Download Excel"):
        button = found[label]
        assert callable(button.data)
        assert button.options["on_click"] == "ignore"  # a click does not rerun the page


def test_the_csv_holds_every_row_the_function_returns(buttons):
    csv = downloads(every_request, buttons)["Download CSV"]
    assert csv.file_name == "requests_list-of-requests_region-africa_2020-09-28.csv"
    assert csv.mime == "text/csv"
    table = pd.read_csv(io.BytesIO(csv.data()), encoding="utf-8-sig")
    assert list(table["Code"]) == ["2016-11", "2016-12", "2017-01"]


def test_the_excel_file_is_headed_by_title_filters_and_data_date(buttons):
    excel = downloads(every_request, buttons)["Download Excel"]
    assert (excel.file_name, excel.mime) == ("requests_list-of-requests_region-africa_2020-09-28.xlsx", XLSX)
    sheet = load_workbook(io.BytesIO(excel.data()), read_only=True)["List of requests"]
    rows = [row for row in sheet.iter_rows(values_only=True)]
    assert [row[0] for row in rows[:3]] == ["List of requests", "Filters: Region: Africa", "Data as of 2020-09-28"]
    assert rows[4] == ("Code", "Country")
    assert [row[0] for row in rows[5:]] == ["2016-11", "2016-12", "2017-01"]


def test_a_table_given_as_it_is_still_downloads(buttons):
    csv = downloads(every_request(), buttons)["Download CSV"]
    assert pd.read_csv(io.BytesIO(csv.data()), encoding="utf-8-sig").shape == (3, 2)


def test_the_files_say_how_the_list_was_searched_and_sorted(buttons):
    excel = downloads(every_request, buttons, shown_as="Search: land · Sorted by country", row_count=3)["Download Excel"]
    sheet = load_workbook(io.BytesIO(excel.data()), read_only=True)["List of requests"]
    firsts = [row[0] for row in sheet.iter_rows(values_only=True)][:4]
    assert firsts == ["List of requests", "Filters: Region: Africa", "Search: land · Sorted by country",
                      "Data as of 2020-09-28"]


@pytest.mark.parametrize("rows", [pd.DataFrame({"Code": []}), lambda: pd.DataFrame({"Code": []})])
def test_nothing_to_download_when_no_row_matches(buttons, rows):
    found = downloads(rows, buttons, **({} if isinstance(rows, pd.DataFrame) else {"row_count": 0}))
    assert found == {"caption": "Nothing to download: no row matches."}
