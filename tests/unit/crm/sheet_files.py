"""Reading exported files back as sales would: the csv module, and openpyxl for a workbook."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import openpyxl

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet could take for the start of a formula


def read_csv(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    with open(path, encoding=encoding, newline="") as fh:
        return list(csv.reader(fh))


def excel_text(value: str | None) -> str:
    """A cell's text as Excel shows it: openpyxl leaves the _xHHHH_ escapes of inline strings encoded."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value or "")


def read_xlsx(path: Path) -> tuple[list[list[str]], set[str]]:
    """(cell texts by row, the data types seen); every row padded to the header's width."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        sheet = book.worksheets[0]
        rows, types = [], set()
        for row in sheet.iter_rows(min_row=1):
            cells = []
            for cell in row:
                if cell.value is not None:
                    types.add(cell.data_type)
                cells.append(excel_text(cell.value))
            rows.append(cells)
    finally:
        book.close()
    width = len(rows[0])
    return [r + [""] * (width - len(r)) for r in rows], types
