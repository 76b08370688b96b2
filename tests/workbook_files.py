"""Build .xlsx files for the upload tests: small ones with openpyxl, large or crafted ones as raw XML in a zip."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from xml.sax.saxutils import escape

import duckdb
import openpyxl

from socieux.bundled import load_countries, load_requests
from socieux.reference_tables import load_reference_tables
from socieux.store import create_schema

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

REQUEST_HEADER = ["code", "country", "partner_institution", "title", "area_of_work", "status",
                  "gender_relevant", "disability_relevant", "working_days", "expenditure_eur"]


def bundled_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory dataset with the bundled code lists, countries and requests."""
    con = duckdb.connect()
    create_schema(con)
    load_reference_tables(con)
    load_countries(con)
    load_requests(con)
    return con


def workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    """An .xlsx written by openpyxl: sheet name -> rows (None = empty cell)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def request_row(code: str = "2021-07", **overrides) -> list:
    values = {"code": code, "country": "Kenya", "partner_institution": "Ministry of Labour (MoL)",
              "title": "Support to labour inspection", "area_of_work": "Labour & Employment", "status": "Ongoing",
              "gender_relevant": "Yes", "disability_relevant": "No", "working_days": 20, "expenditure_eur": 11000.5}
    values.update(overrides)
    return [values[column] for column in REQUEST_HEADER]


def column_letter(number: int) -> str:
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cell(reference: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith("="):
        return f'<c r="{reference}"><f>{escape(value[1:])}</f><v>0</v></c>'
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{reference}"><v>{value}</v></c>'
    return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def sheet_xml(rows, dimension: str | None = None) -> bytes:
    """A worksheet part with inline strings; `rows` may be a generator (large sheets)."""
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN_NS}">']
    if dimension:
        parts.append(f'<dimension ref="{dimension}"/>')
    parts.append("<sheetData>")
    for index, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{column_letter(position)}{index}", value)
                        for position, value in enumerate(row, start=1))
        parts.append(f'<row r="{index}">{cells}</row>')
    parts.append("</sheetData></worksheet>")
    return "".join(parts).encode()


def raw_xlsx(sheets: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal .xlsx package around ready-made worksheet parts."""
    names = list(sheets)
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                  for i in range(1, len(names) + 1))
        + "</Types>"
    )
    root_rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">'
                 f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
                + "".join(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                          for i, name in enumerate(names, 1))
                + "</sheets></workbook>")
    workbook_rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">'
                     + "".join(f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                               for i in range(1, len(names) + 1))
                     + "</Relationships>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        for i, name in enumerate(names, 1):
            archive.writestr(f"xl/worksheets/sheet{i}.xml", sheets[name])
    return buffer.getvalue()


def load_into_schema(tables: dict) -> duckdb.DuckDBPyConnection:
    """Insert validated tables into an empty schema: proves they fit tables.sql (names, types, NOT NULL, keys)."""
    con = duckdb.connect()
    create_schema(con)
    load_reference_tables(con)
    for name, frame in tables.items():
        if name == "status":
            continue  # reference table already filled; new statuses are checked separately
        con.register("incoming", frame)
        con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming")
        con.unregister("incoming")
    return con


AS_OF = date(2021, 9, 30)


def shared_strings_xlsx(name: str, header: list[str], rows, row_count: int) -> bytes:
    """A large single-sheet .xlsx as Excel writes it: strings in the shared-strings table, numbers as values.

    `rows` yields lists of str | int | float | None. Built as raw XML so 200,000 rows take seconds, not minutes.
    """
    strings: dict[str, int] = {}

    def string_cell(value: str) -> str:
        index = strings.get(value)
        if index is None:
            index = strings[value] = len(strings)
        return f'<c t="s"><v>{index}</v></c>'

    def cell(value) -> str:
        if value is None:
            return "<c/>"
        if isinstance(value, str):
            return string_cell(value)
        return f"<c><v>{value}</v></c>"

    body = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN_NS}">'
            f'<dimension ref="A1:{column_letter(len(header))}{row_count + 1}"/><sheetData>',
            '<row r="1">' + "".join(string_cell(h) for h in header) + "</row>"]
    for index, row in enumerate(rows, start=2):
        body.append(f'<row r="{index}">' + "".join(map(cell, row)) + "</row>")
    body.append("</sheetData></worksheet>")
    shared = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{MAIN_NS}" count="{len(strings)}" '
              f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
    package = raw_xlsx({name: "".join(body).encode()})
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", f'<Relationship Id="rIdS" Type="{REL_NS}/sharedStrings" '
                                    'Target="sharedStrings.xml"/></Relationships>'.encode())
            target.writestr(item.filename, data)
        target.writestr("xl/sharedStrings.xml", shared)
    return buffer.getvalue()
