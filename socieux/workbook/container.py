"""Whole-file checks on the raw bytes and the zip directory, done before any cell is parsed."""

from __future__ import annotations

import html
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from socieux.workbook.model import Limits, UploadRejected

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
SAVE_AS_XLSX = "Open the file in Excel or LibreOffice and save it as an Excel workbook (.xlsx), then upload that file."

_RATIO_FLOOR_BYTES = 1024 * 1024
_SCAN_CHUNK = 1024 * 1024
_SCAN_OVERLAP = 2048
# A formula element directly inside a cell tag (CT_Cell puts <f> before <v> and <is>), and that cell's reference.
_FORMULA_IN_CELL = re.compile(rb"<(?:\w+:)?c\b([^<>]*)>\s*(<(?:\w+:)?f[\s/>])")
_REFERENCE_ATTRIBUTE = re.compile(rb"\br=\"([A-Z]{1,3}[0-9]{1,7})\"")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})?([0-9]{1,7})?:?([A-Z]{1,3})?([0-9]{1,7})?\"")
_SHEET_REL = re.compile(
    rb"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"[^>]*?\br:id=\"([^\"]*)\"|"
    rb"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]*)\"[^>]*?\bname=\"([^\"]*)\""
)
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_ATTRIBUTE = re.compile(rb"(\w+)=\"([^\"]*)\"")


# What reading a damaged zip member can raise (bad CRC, bad deflate stream, unknown compression, cut-off data).
_DAMAGE = (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError, ValueError, RuntimeError,
           KeyError)


@contextmanager
def damaged_parts_refused() -> Iterator[None]:
    """Turn any failure to inflate a part of the package into one 'damaged workbook' rejection."""
    try:
        yield
    except _DAMAGE:
        raise UploadRejected(
            "The workbook is damaged: part of its content cannot be unpacked.",
            "Open the original in Excel, save it again as .xlsx and upload the new file.",
        ) from None


@dataclass(frozen=True)
class SheetPart:
    """A worksheet of the package: its name in the workbook and its XML part in the zip."""

    name: str
    part: str


def check_container(content: bytes, file_name: str, limits: Limits) -> list[SheetPart]:
    """Refuse what is not a safe .xlsx package; return its worksheets in workbook order."""
    if len(content) == 0:
        raise UploadRejected("The file is empty (0 bytes).", "Upload the .xlsx workbook itself.")
    if len(content) > limits.max_file_bytes:
        raise UploadRejected(
            f"The file is {len(content) / 1048576:.1f} MB, above the limit of "
            f"{limits.max_file_bytes / 1048576:.0f} MB.",
            "Split the data over several uploads, or remove sheets that are not needed.",
        )
    if content.startswith(OLE2_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in content:
            raise UploadRejected(
                "The workbook is protected with a password (encrypted), so it cannot be read.",
                "Open it in Excel, remove the password (File > Info > Protect Workbook), save and upload again.",
            )
        raise UploadRejected(
            "This is an old-format Excel file (.xls); only .xlsx workbooks are accepted.", SAVE_AS_XLSX
        )
    if content.startswith(EMPTY_ZIP_MAGIC):
        raise UploadRejected("The file is an empty zip archive, not an Excel workbook.", SAVE_AS_XLSX)
    if not content.startswith(ZIP_MAGIC):
        raise UploadRejected(
            f"'{file_name}' is not an Excel workbook (.xlsx): its content does not start like one.",
            "Upload the .xlsx file exported from Excel or from the PMT (CSV, PDF and other files are not accepted).",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (*_DAMAGE, zipfile.LargeZipFile):
        raise UploadRejected(
            "The workbook is damaged or incomplete (its zip structure cannot be read); it may have been cut off "
            "during the download or copy.",
            "Open the original in Excel, save it again as .xlsx and upload the new file.",
        ) from None
    with archive, damaged_parts_refused():
        _check_sizes(entries, limits)
        names = {entry.filename for entry in entries}
        if "mimetype" in names and ODS_MIMETYPE in _read_small(archive, "mimetype"):
            raise UploadRejected(
                "This is an OpenDocument spreadsheet (.ods); only .xlsx workbooks are accepted.", SAVE_AS_XLSX
            )
        if "xl/workbook.bin" in names:
            raise UploadRejected(
                "This is a binary Excel workbook (.xlsb); only .xlsx workbooks are accepted.", SAVE_AS_XLSX
            )
        if "xl/workbook.xml" not in names:
            raise UploadRejected(
                "The file is a zip archive but not an Excel workbook (no xl/workbook.xml inside).", SAVE_AS_XLSX
            )
        sheets = _worksheets(archive, names)
        if not sheets:
            raise UploadRejected("The workbook has no worksheet.", "Add the data sheets, e.g. from the template.")
        for sheet in sheets:
            _check_dimension(archive, sheet, limits)
        return sheets


def find_formulas(content: bytes, sheet: SheetPart, cap: int) -> tuple[list[str], int]:
    """Cells of the sheet holding a formula (first `cap` references, and the total count), read by streaming."""
    references: list[str] = []
    total = 0
    with damaged_parts_refused(), zipfile.ZipFile(io.BytesIO(content)) as archive, \
            archive.open(sheet.part) as stream:
        buffer = b""
        while True:
            chunk = stream.read(_SCAN_CHUNK)
            buffer += chunk
            final = not chunk
            cut = len(buffer) if final else max(0, len(buffer) - _SCAN_OVERLAP)
            for reference in _formula_elements(buffer, cut).values():
                total += 1
                if len(references) < cap:
                    references.append(reference)
            if final:
                return references, total
            buffer = buffer[cut:]


def _formula_elements(buffer: bytes, cut: int) -> dict[int, str]:
    """Formula elements starting before `cut` that are the first child of a cell -> that cell's reference.

    Candidates are found with bytes.find (fast on the common formula-free sheet), then confirmed by a regex
    on a short window before each.
    """
    found: dict[int, str] = {}
    # Excel writes unprefixed tags; prefixed ones (<x:c>, <x:f>) are looked for only in sheets that use them.
    needles = (b"<f>", b"<f ") + ((b":f>", b":f ") if b":c " in buffer or b":c>" in buffer else ())
    for needle in needles:
        start = buffer.find(needle)
        while 0 <= start < cut:
            position = start if needle[:1] == b"<" else buffer.rfind(b"<", max(0, start - 64), start)
            if position >= 0 and position not in found:
                for match in _FORMULA_IN_CELL.finditer(buffer, max(0, position - 512), position + 16):
                    if match.start(2) == position:
                        reference = _REFERENCE_ATTRIBUTE.search(match.group(1))
                        found[position] = reference.group(1).decode() if reference else "?"
            start = buffer.find(needle, start + 1)
    return dict(sorted(found.items()))


def _check_sizes(entries: list[zipfile.ZipInfo], limits: Limits) -> None:
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_uncompressed_bytes:
        raise UploadRejected(
            f"The workbook unpacks to {total / 1048576:.0f} MB, above the limit of "
            f"{limits.max_uncompressed_bytes / 1048576:.0f} MB (a possible decompression bomb).",
            "Upload a smaller workbook: split the data over several files.",
        )
    for entry in entries:
        if entry.file_size > _RATIO_FLOOR_BYTES:
            ratio = entry.file_size / max(entry.compress_size, 1)
            if ratio > limits.max_compression_ratio:
                raise UploadRejected(
                    f"Part '{entry.filename}' of the workbook is compressed {ratio:.0f} times, far beyond any real "
                    "spreadsheet (a possible decompression bomb).",
                    "Upload the workbook exported from Excel or the PMT, not a crafted file.",
                )


def _read_small(archive: zipfile.ZipFile, name: str, limit: int = 4 * 1024 * 1024) -> bytes:
    with archive.open(name) as stream:
        return stream.read(limit)


def _worksheets(archive: zipfile.ZipFile, names: set[str]) -> list[SheetPart]:
    """Sheet names and their XML parts, from xl/workbook.xml and its relationships."""
    try:
        workbook = _read_small(archive, "xl/workbook.xml")
        rels = _read_small(archive, "xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in names else b""
    except _DAMAGE:
        raise UploadRejected(
            "The workbook is damaged: its list of sheets cannot be read.",
            "Open the original in Excel, save it again as .xlsx and upload the new file.",
        ) from None
    targets = {}
    for match in _RELATIONSHIP.finditer(rels):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        if b"Id" in attributes and b"Target" in attributes:
            targets[attributes[b"Id"]] = attributes[b"Target"].decode("utf-8", "replace")
    sheets = []
    for match in _SHEET_REL.finditer(workbook):
        if match.group(1) is not None:
            name, rel_id = match.group(1), match.group(2)
        else:
            name, rel_id = match.group(4), match.group(3)
        target = targets.get(rel_id)
        if target is None:
            continue
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        if part in names and "worksheets/" in part:
            sheets.append(SheetPart(_unescape(name.decode("utf-8", "replace")), part))
    return sheets


def _check_dimension(archive: zipfile.ZipFile, sheet: SheetPart, limits: Limits) -> None:
    """Refuse a sheet whose declared used range exceeds the row or column limit, before reading it."""
    with archive.open(sheet.part) as stream:
        head = stream.read(64 * 1024)
    match = _DIMENSION.search(head)
    if not match:
        return
    last_column = match.group(3) or match.group(1)
    last_row = match.group(4) or match.group(2)
    rows = int(last_row) if last_row else 0
    columns = column_number(last_column.decode()) if last_column else 0
    if rows > limits.max_rows:
        raise UploadRejected(
            f"Sheet '{sheet.name}' has {rows:,} rows, above the limit of {limits.max_rows:,} rows per sheet.",
            "Split the data over several uploads, or delete empty formatted rows at the bottom of the sheet.",
        )
    if columns > limits.max_columns:
        raise UploadRejected(
            f"Sheet '{sheet.name}' has {columns} columns, above the limit of {limits.max_columns}.",
            "Delete the columns that are not needed (see the template for the expected columns).",
        )


def column_number(letters: str) -> int:
    """Excel column letters to a 1-based number: A -> 1, AA -> 27."""
    number = 0
    for letter in letters:
        number = number * 26 + (ord(letter) - 64)
    return number


def column_letter(number: int) -> str:
    """A 1-based column number to Excel letters: 1 -> A, 27 -> AA."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _unescape(text: str) -> str:
    return html.unescape(text)
