"""The interim report pack: every chart of every page as PNG and SVG, their data, and an index, in one ZIP.

Walks the chart catalogue in its order, so a chart registered on any page is in the pack without
changes here. Runs without Streamlit: a DuckDB connection to one dataset version is all it needs.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import datetime

import duckdb
import pandas as pd
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from socieux.charts import CATALOGUE, Chart
from socieux.exports import date_stamp, file_stem, neutralise_workbook
from socieux.filters import Filters
from socieux.image_export import SYNTHETIC_MARK, ChartExport, ImageFormat
from socieux.indicators import INPUT_LABELS, NOT_AVAILABLE, indicator_summary
from socieux.kpis import cards_table, kpi_definitions, overview_cards
from socieux.queries import run_query
from socieux.store import Version, connect, read_dataset_info

Progress = Callable[[float, str], None]
NO_DATA = "No data for these filters: no image."
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class PackEntry:
    """One chart in the pack: where its files are, or why it has none."""

    number: int
    chart: Chart
    title: str
    rows: int
    png: str = ""
    svg: str = ""
    sheet: str = ""
    missing: str = ""   # the inputs the data lack, in words: the chart is not drawn, never shown as zero

    @property
    def note(self) -> str:
        if self.missing:
            return f"{NOT_AVAILABLE}: needs {self.missing}. No image."
        return "" if self.rows else NO_DATA


def pack_filters(filters: Filters, period: str) -> Filters:
    """The filters of a pack: the chosen reporting period, with the other filters as given."""
    return replace(filters, periods=(period,))


def pack_file_name(period: str, filters: Filters, as_of) -> str:
    """ZIP name: the report pack, the filters in words (period included), the data date."""
    return file_stem("SOCIEUX+ interim report pack", file_stem(pack_filters(filters, period).describe())[:80],
                     date_stamp(as_of)) + ".zip"


def unique_sheet_name(title: str, taken: set[str]) -> str:
    """An Excel sheet name (at most 31 characters, none of []:*?/\\) not yet in ``taken``."""
    base = " ".join(_SHEET_NAME_FORBIDDEN.sub(" ", title).split())[:31].strip("'") or "Data"
    name, counter = base, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({counter})"
        name, counter = base[: 31 - len(suffix)] + suffix, counter + 1
    taken.add(name)
    return name


def build_report_pack(
    con: duckdb.DuckDBPyConnection,
    *,
    period: str,
    filters: Filters,
    progress: Progress | None = None,
    image_formats: tuple[ImageFormat, ...] = ("png", "svg"),
) -> bytes:
    """A ZIP of every catalogue chart for one reporting period (and filters): images, data, index.

    ``image_formats=()`` leaves the images out (data and index only), e.g. for a quick check.
    """
    report = progress or (lambda fraction, message: None)
    info = read_dataset_info(con)
    scope = pack_filters(filters, period)
    filters_text = scope.describe()
    source = str(info["source"])

    def run(name: str, chosen: Filters, **extra) -> pd.DataFrame:
        return run_query(con, name, {**chosen.params(), **extra})

    charts = list(CATALOGUE.values())
    inputs = run("indicator_inputs", scope)
    steps = len(charts) + 2
    buffer = io.BytesIO()
    entries: list[PackEntry] = []
    sheets: dict[str, tuple[ChartExport, pd.DataFrame]] = {}
    taken: set[str] = set()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as pack:
        for number, spec in enumerate(charts, start=1):
            report((number - 1) / steps, f"Chart {number} of {len(charts)}: {spec.title}")
            missing = [INPUT_LABELS[name] for name in spec.inputs
                       if int(inputs.set_index("input")["rows"].get(name, 0) or 0) == 0]
            if missing:
                entries.append(PackEntry(number, spec, spec.title, 0, missing="; ".join(missing)))
                continue
            df = spec.data(run, scope)
            export = ChartExport(spec, spec.figure(df), df, filters_text, info["as_of"], source)
            sheet = unique_sheet_name(f"{number:02d} {export.title}", taken)
            sheets[sheet] = (export, df)
            if df.empty:
                entries.append(PackEntry(number, spec, export.title, 0, sheet=sheet))
                continue
            stem = f"charts/{number:02d}_{export.stem}"
            names = {fmt: f"{stem}.{fmt}" for fmt in image_formats}
            for fmt, image in zip(image_formats, export.images(image_formats)):
                pack.writestr(names[fmt], image)
            entries.append(PackEntry(number, spec, export.title, len(df), names.get("png", ""),
                                     names.get("svg", ""), sheet))

        report(len(charts) / steps, "Writing the data workbook")
        data_name = f"data_{file_stem(filters_text)[:80]}_{date_stamp(info['as_of'])}.xlsx"
        pack.writestr(data_name, _data_workbook(sheets))

        report((len(charts) + 1) / steps, "Writing the index")
        about = _about(info, period, filters_text, data_name, any(e.chart.synthetic for e in entries))
        sets = run_query(con, "status_sets")
        definitions = _kpi_definitions(sets)
        cards = cards_table(overview_cards(run, scope, pd.Timestamp(info["as_of"]).date()))
        indicators = indicator_summary(run, scope)
        pack.writestr("index.xlsx", _index_workbook(about, entries, definitions, sets, cards, indicators))
        pack.writestr("index.md", _index_markdown(about, entries, definitions, sets, cards, indicators))
    report(1.0, f"Report pack ready: {len(entries)} charts")
    return buffer.getvalue()


def build_version_pack(version: Version, **options) -> bytes:
    """``build_report_pack`` on its own read-only connection to ``version``, closed when the pack is built."""
    with closing(connect(version)) as con:
        return build_report_pack(con, **options)


def _about(info: dict, period: str, filters_text: str, data_name: str, synthetic: bool) -> list[tuple[str, str]]:
    rows = [
        ("Report pack", "SOCIEUX+ interim report pack"),
        ("Reporting period", period),
        ("Filters", filters_text),
        ("Data as of", date_stamp(info["as_of"])),
        ("Source", str(info["source"])),
        ("Dataset version", f"{info['version_id']} ({info.get('file_name') or 'no file'}, loaded "
                            f"{pd.Timestamp(info['loaded_at']):%Y-%m-%d %H:%M} by {info['loaded_by']})"),
        ("Data of the charts", data_name),
        ("Built", f"{datetime.now():%Y-%m-%d %H:%M}"),
    ]
    if synthetic:
        rows.append(("Note", f"Charts marked '{SYNTHETIC_MARK}' are drawn from generated data, not the "
                             "facility's records."))
    return rows


def _kpi_definitions(status_sets: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        [(label, definition) for label, definition in kpi_definitions(status_sets).values()], columns=["KPI", "Definition"]
    )


def _chart_rows(entries: list[PackEntry]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "No.": e.number,
                "Page": e.chart.page,
                "Chart": e.title,
                "PNG": e.png,
                "SVG": e.svg,
                "Data sheet": e.sheet,
                "Rows of data": e.rows,
                "Note": "; ".join(n for n in (e.note, e.chart.source_note,
                                              SYNTHETIC_MARK if e.chart.synthetic else "") if n),
            }
            for e in entries
        ]
    )


def _write_sheet(writer: pd.ExcelWriter, name: str, df: pd.DataFrame, context: list[str]) -> None:
    start = len(context) + 1 if context else 0
    df.to_excel(writer, sheet_name=name, index=False, startrow=start)
    sheet = writer.sheets[name]
    for row, line in enumerate(context, start=1):
        sheet.cell(row=row, column=1, value=line).font = Font(bold=row == 1)
    for column, title in enumerate(df.columns, start=1):
        width = max([len(str(title))] + [len(str(v)) for v in df.iloc[:200, column - 1]]) + 2
        sheet.column_dimensions[get_column_letter(column)].width = min(width, 70)
        sheet.cell(row=start + 1, column=column).font = Font(bold=True)
        for cell in sheet[get_column_letter(column)][start + 1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _data_workbook(sheets: dict[str, tuple[ChartExport, pd.DataFrame]]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, (export, df) in sheets.items():
            context = export.context() + ([NO_DATA] if df.empty else [])
            _write_sheet(writer, name, export.table, context)
        neutralise_workbook(writer.book)
    return buffer.getvalue()


def _index_workbook(about, entries, definitions: pd.DataFrame, sets: pd.DataFrame, cards: pd.DataFrame,
                    indicators: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _write_sheet(writer, "About", pd.DataFrame(about, columns=["", "Value"]), [])
        _write_sheet(writer, "KPI cards", cards, ["The Overview's KPI cards for the pack's period and filters"])
        _write_sheet(writer, "Indicators", indicators,
                     ["Each logframe indicator at its latest period with a target: computed, target, reported, mark"])
        _write_sheet(writer, "Charts", _chart_rows(entries), ["Charts of the pack, in the dashboard's order"])
        _write_sheet(writer, "KPI definitions", definitions, ["Definitions of the KPIs"])
        _write_sheet(writer, "Status sets", sets, ["Statuses counted by each status-based KPI"])
        neutralise_workbook(writer.book)
    return buffer.getvalue()


def _md(text: object) -> str:
    """Text from the data, safe inside a Markdown table cell."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", " ".join(str(text).split()))


def _md_table(df: pd.DataFrame) -> list[str]:
    lines = ["| " + " | ".join(_md(c) for c in df.columns) + " |", "|" + "---|" * len(df.columns)]
    lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return lines


def _blank_missing(df: pd.DataFrame) -> pd.DataFrame:
    """The table with an empty cell where a value is missing (a number column becomes text cells)."""
    return df.astype(object).where(df.notna(), "")


def _index_markdown(about, entries, definitions: pd.DataFrame, sets: pd.DataFrame, cards: pd.DataFrame,
                    indicators: pd.DataFrame) -> str:
    lines = ["# SOCIEUX+ interim report pack", ""]
    lines += [f"* **{_md(key)}**: {_md(value)}" for key, value in about]
    lines += ["", "## KPI cards", ""] + _md_table(_blank_missing(cards))
    lines += ["", "## Logframe indicators", ""] + _md_table(_blank_missing(indicators))
    lines += ["", "## Charts", ""] + _md_table(_chart_rows(entries))
    lines += ["", "## KPI definitions", ""] + _md_table(definitions)
    lines += ["", "## Status sets", ""] + _md_table(sets)
    return "\n".join(lines) + "\n"
