"""Whole-file problems: each gives one clear error, no tables, and never an exception."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from socieux.workbook import Limits, read_and_validate, reference_from_connection
from tests.workbook_files import (
    REQUEST_HEADER,
    bundled_connection,
    raw_xlsx,
    request_row,
    sheet_xml,
    workbook_bytes,
)


@pytest.fixture(scope="module")
def reference():
    return reference_from_connection(bundled_connection())


def single_error(result) -> str:
    assert len(result.issues) == 1, result.issues
    issue = result.issues[0]
    assert issue.severity == "error"
    assert result.tables == {}
    return issue.rule + " " + issue.fix


def test_a_file_that_is_not_excel_is_refused(reference):
    text = single_error(read_and_validate(b"code,country\n2021-01,Kenya\n", "requests.csv", reference))
    assert "not an Excel workbook" in text and "requests.csv" in text


def test_an_empty_file_is_refused(reference):
    assert "empty" in single_error(read_and_validate(b"", "empty.xlsx", reference))


def test_a_corrupt_zip_is_refused(reference):
    content = b"PK\x03\x04" + b"\x00garbage" * 100
    assert "damaged" in single_error(read_and_validate(content, "broken.xlsx", reference))


def test_a_truncated_workbook_is_refused(reference):
    content = workbook_bytes({"requests": [REQUEST_HEADER, request_row()]})
    result = read_and_validate(content[: len(content) // 2], "cut.xlsx", reference)
    assert "damaged or incomplete" in single_error(result)


def test_an_encrypted_workbook_is_refused(reference):
    # Password-protected .xlsx files are OLE2 compound files holding an "EncryptedPackage" stream.
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    content = ole2 + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512
    text = single_error(read_and_validate(content, "secret.xlsx", reference))
    assert "password" in text


def test_an_old_xls_file_is_asked_to_be_saved_as_xlsx(reference):
    content = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048 + "Workbook".encode("utf-16-le")
    text = single_error(read_and_validate(content, "old.xls", reference))
    assert ".xls" in text and "save it as an Excel workbook (.xlsx)" in text


def test_an_ods_file_is_asked_to_be_saved_as_xlsx(reference):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    text = single_error(read_and_validate(buffer.getvalue(), "list.ods", reference))
    assert "OpenDocument" in text and ".xlsx" in text


def test_a_zip_that_is_not_a_workbook_is_refused(reference):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "not an Excel workbook" in single_error(read_and_validate(buffer.getvalue(), "x.xlsx", reference))


def test_an_empty_workbook_is_refused(reference):
    content = workbook_bytes({"requests": []})
    assert "empty" in single_error(read_and_validate(content, "empty.xlsx", reference))


def test_a_workbook_with_headers_only_is_refused(reference):
    content = workbook_bytes({"requests": [REQUEST_HEADER]})
    text = single_error(read_and_validate(content, "headers.xlsx", reference))
    assert "no data rows" in text and "requests" in text


def test_a_file_over_the_size_limit_is_refused(reference):
    content = workbook_bytes({"requests": [REQUEST_HEADER, request_row()]})
    text = single_error(read_and_validate(content, "big.xlsx", reference, limits=Limits(max_file_bytes=1000)))
    assert "above the limit" in text and "MB" in text


def test_a_decompression_bomb_is_refused_from_the_zip_directory(reference):
    # 400 MB of zeros would unpack from well under a megabyte: refused before anything is inflated.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            block = b"\x00" * (1 << 20)
            for _ in range(400):
                part.write(block)
    content = buffer.getvalue()
    assert len(content) < 2_000_000
    text = single_error(read_and_validate(content, "bomb.xlsx", reference))
    assert "decompression bomb" in text and "MB" in text


def test_an_absurd_compression_ratio_is_refused(reference):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (20 << 20))
    text = single_error(read_and_validate(buffer.getvalue(), "ratio.xlsx", reference))
    assert "compressed" in text and "decompression bomb" in text


def test_too_many_rows_are_refused_from_the_sheet_dimension(reference):
    content = raw_xlsx({"requests": sheet_xml([REQUEST_HEADER, request_row()], dimension="A1:J2000000")})
    text = single_error(read_and_validate(content, "long.xlsx", reference))
    assert "'requests'" in text and "2,000,000 rows" in text


def test_too_many_rows_are_refused_when_the_dimension_is_missing(reference):
    rows = [REQUEST_HEADER] + [request_row(f"2021-{i:03d}") for i in range(30)]
    content = raw_xlsx({"requests": sheet_xml(rows)})
    text = single_error(read_and_validate(content, "long.xlsx", reference, limits=Limits(max_rows=20)))
    assert "'requests'" in text and "more than 20 rows" in text


def test_too_many_columns_are_refused(reference):
    content = raw_xlsx({"requests": sheet_xml([REQUEST_HEADER, request_row()], dimension="A1:ZZ2")})
    text = single_error(read_and_validate(content, "wide.xlsx", reference))
    assert "'requests'" in text and "702 columns" in text


def test_formulas_are_refused_naming_each_cell(reference):
    content = workbook_bytes({"requests": [REQUEST_HEADER, request_row(working_days="=10+10"),
                                           request_row("2021-08", expenditure_eur="=SUM(I2:I3)")]})
    result = read_and_validate(content, "formulas.xlsx", reference)
    formula_issues = [i for i in result.errors() if "formula" in i.rule]
    assert [(i.sheet, i.row, i.column) for i in formula_issues] == [
        ("requests", 2, "working_days"), ("requests", 3, "expenditure_eur")]
    assert "I2" in formula_issues[0].rule and "Type the value" in formula_issues[0].fix
    assert result.tables == {}


def test_nothing_escapes_even_for_random_bytes_after_a_zip_header(reference):
    for content in (b"PK\x03\x04", b"PK\x05\x06" + b"\x00" * 18, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        result = read_and_validate(content, "odd.xlsx", reference)
        assert result.has_errors and result.tables == {}


def test_randomly_damaged_workbooks_get_a_specific_message(reference):
    good = workbook_bytes({"requests": [REQUEST_HEADER] + [request_row(f"2021-{i:02d}") for i in range(1, 30)]})
    rng = random.Random(7)
    for _ in range(150):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        result = read_and_validate(bytes(damaged), "damaged.xlsx", reference)
        if result.has_errors and result.issues[0].sheet is None:
            assert "could not be checked" not in result.issues[0].rule, result.issues[0]


def test_a_workbook_with_no_recognisable_sheet_is_refused(reference):
    content = workbook_bytes({"Notes": [["Meeting notes"], ["Nothing to load here"]]})
    text = single_error(read_and_validate(content, "notes.xlsx", reference))
    assert "No sheet of the workbook matches the template" in text
