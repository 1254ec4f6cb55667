"""Writing rows of text to a CSV or XLSX file that a spreadsheet opens safely, beside the target and renamed
into place only when complete.

Every cell is text. C0 controls that XLSX cannot store are dropped, and a cell a spreadsheet could take for a
formula (leading = + - @, tab, CR: OWASP "CSV injection") is prefixed with a quote. CSV is written by the csv
module (QUOTE_MINIMAL, CRLF rows as Excel writes them), UTF-8 with a BOM unless asked not to; XLSX by
xlsxwriter in constant_memory mode, each row on disk as written.

What the columns are is the caller's business (crm.exports.leads holds the lead profiles).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol

from crm.codes import FileFormat
from crm.errors import ValidationError

__all__ = ["FORMULA_TRIGGERS", "XLSX_OPTIONS", "Sink", "file_sha256", "neutralise", "open_sink", "replace_file",
           "safe_cell", "safe_row", "write_temp"]

XLSX_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                "strings_to_numbers": False}
# What a spreadsheet may read as the start of a formula (OWASP "CSV injection"): = + - @, tab and CR.
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
# C0 controls other than tab, LF and CR (and the two non-characters) cannot be stored in XLSX and are noise
# in a CSV: dropped from every cell.
_CONTROL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])


def neutralise(value: str) -> str:
    """``=1+1`` -> ``'=1+1``: a cell that a spreadsheet could evaluate becomes plain text."""
    return "'" + value if value[:1] in FORMULA_TRIGGERS and value else value


def safe_cell(value: str) -> str:
    """Controls dropped, then neutralised."""
    if not value.isprintable():  # fast path: almost every cell is printable already
        value = value.translate(_CONTROL)
    if value and value[0] in FORMULA_TRIGGERS:
        return "'" + value
    return value


def safe_row(row: Sequence[str], triggers: frozenset[str] = FORMULA_TRIGGERS) -> Sequence[str]:
    """safe_cell on every cell, after a row-wide test that almost every row passes (the row itself then):
    no cell starts with a trigger and the row's text is printable. A plain loop: 2.6x faster than testing a
    list of first characters with isdisjoint."""
    for value in row:
        if value and value[0] in triggers:
            break
    else:
        if "".join(row).isprintable():
            return row
    return [safe_cell(v) for v in row]


class Sink(Protocol):
    def write(self, rows: Iterable[Sequence[str]]) -> None: ...
    def close(self) -> None: ...
    def abort(self) -> None: ...


class _CsvSink:
    """csv module, QUOTE_MINIMAL, CRLF rows as Excel writes them; UTF-8 with a BOM unless asked not to."""

    def __init__(self, path: Path, headers: Sequence[str], *, bom: bool) -> None:
        self._fh = open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="")  # noqa: SIM115
        self._writer = csv.writer(self._fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        self._writer.writerow([safe_cell(h) for h in headers])

    def write(self, rows: Iterable[Sequence[str]]) -> None:
        self._writer.writerows(map(safe_row, rows))

    def close(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()

    def abort(self) -> None:
        self._fh.close()


class _XlsxSink:
    """xlsxwriter in constant_memory mode: each row goes to disk as written; every cell a string."""

    def __init__(self, path: Path, headers: Sequence[str], widths: Sequence[int]) -> None:
        import xlsxwriter  # on first use: ~0.1 s and some memory the window does not need

        self._book = xlsxwriter.Workbook(str(path), XLSX_OPTIONS)
        self._sheet = self._book.add_worksheet("Leads")
        head = self._book.add_format({"bold": True})
        for col, header in enumerate(headers):
            width = widths[col] if col < len(widths) else 12
            self._sheet.set_column(col, col, width)
            self._sheet.write_string(0, col, safe_cell(header), head)
        self._sheet.freeze_panes(1, 0)
        self._row = 1

    def write(self, rows: Iterable[Sequence[str]]) -> None:
        put, r = self._sheet.write_string, self._row
        for row in rows:
            for c, value in enumerate(safe_row(row)):
                if value:  # an empty cell stays empty (no blank string cell for every unused column)
                    put(r, c, value)
            r += 1
        self._row = r

    def close(self) -> None:
        self._book.close()

    def abort(self) -> None:
        # Closing releases xlsxwriter's row temp files; the partial file is deleted after. A failure here is
        # not reported: the original error is.
        with contextlib.suppress(Exception):
            self._book.close()


def open_sink(fmt: FileFormat, path: Path, headers: Sequence[str], widths: Sequence[int] = (), *,
              bom: bool = True) -> Sink:
    """A writer for ``path`` that has written the header row; XLSX column widths in characters (12 if absent)."""
    return _CsvSink(path, headers, bom=bom) if fmt == FileFormat.CSV else _XlsxSink(path, headers, widths)


def write_temp(path: Path, fmt: FileFormat, headers: Sequence[str], widths: Sequence[int], bom: bool,
               produce: Callable[[Sink], None]) -> Path:
    """A complete temporary file beside ``path`` written by ``produce(sink)``; removed if anything fails."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ValidationError("not_writable", field="path", folder=str(path.parent), reason=exc.strerror) from exc
    os.close(fd)
    tmp = Path(name)
    sink = None
    try:
        sink = open_sink(fmt, tmp, headers, widths, bom=bom)
        produce(sink)
        sink.close()
        sink = None
    except BaseException:
        if sink is not None:
            sink.abort()
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def replace_file(tmp: Path, path: Path) -> None:
    """Rename the finished file into place; ``file_in_use`` when Windows refuses (the old file open in Excel)."""
    try:
        os.replace(tmp, path)
    except PermissionError as exc:
        raise ValidationError("file_in_use", field="path", file=path.name) from exc


def file_sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()
