"""What sales report back about handed-over leads, read from their CSV or XLSX file keyed by lead ID.

Accepted files: CSV in UTF-8 (with or without a BOM) or GB18030 (what Excel writes on a Chinese Windows), or
XLSX (first sheet). Headers are matched case-insensitively in English or Chinese (lead_id/线索编号,
state/状态, sales_owner/销售负责人, note/备注, external_ref/外部编号), so our own generic export, filled in,
comes back as is. States are codes (won, lost, contacted, accepted, invalid) or their Chinese labels.

Every row gets a verdict with the row number the user sees in Excel (header = row 1): applied, unchanged
(already so: re-importing a file is harmless) or rejected with a code. The valid rows are applied in one
transaction: all of them or, if anything fails while applying, none. A dry run reads and checks only.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm import identifiers
from crm.codes import AuditAction, LeadState
from crm.errors import ValidationError
from crm.models import Lead, StaffUser
from crm.services import audit

__all__ = ["ImportReport", "RowResult", "STATE_LABELS", "format_import_report", "import_outcomes", "read_rows"]

ENTITY = "lead_outcomes"
CHUNK = 1000
MAX_NOTE = 4000  # as crm.services.leads.MAX_NOTE
MAX_OWNER = 100  # Lead.sales_owner / external_ref column sizes
MAX_REF = 100

# Settable from a file: sales report progress, never hand a lead back to "new" or "handed over".
STATE_LABELS: dict[str, str] = {
    "成交": "won", "已成交": "won", "未成交": "lost", "已联系": "contacted", "已接收": "accepted", "无效": "invalid",
}
SETTABLE = frozenset({LeadState.WON, LeadState.LOST, LeadState.CONTACTED, LeadState.ACCEPTED, LeadState.INVALID})
# Header spellings per column, compared after _header_key (case, spaces, _ and - ignored). Includes the lead id
# headers of our own export profiles, so a Salesforce/HubSpot report keyed by them is read too.
HEADERS: dict[str, tuple[str, ...]] = {
    "lead_id": ("lead_id", "lead", "线索编号", "线索id", "线索号", "crm_lead_id__c", "crm lead id"),
    "state": ("state", "outcome", "状态", "结果", "跟进结果"),
    "sales_owner": ("sales_owner", "owner", "销售负责人", "负责人", "客户经理"),
    "note": ("note", "notes", "remark", "remarks", "备注"),
    "external_ref": ("external_ref", "external_id", "external reference", "外部编号"),
}
OUTCOME_COLUMNS = ("state", "sales_owner", "note", "external_ref")


def _header_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", unicodedata.normalize("NFKC", text).strip().lstrip("\ufeff").casefold())


_HEADER_INDEX = {_header_key(alias): column for column, aliases in HEADERS.items() for alias in aliases}


@dataclass(frozen=True)
class RowResult:
    row: int  # as Excel numbers it: the header is row 1
    lead_id: int | None
    code: str  # applied | unchanged | no_outcome | a rejection code
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ImportReport:
    file_name: str
    encoding: str  # utf-8, utf-8-sig, gb18030 or xlsx
    applied: list[RowResult]
    rejected: list[RowResult]
    unchanged: list[RowResult] = field(default_factory=list)  # already in that state / nothing to change
    dry_run: bool = False


@dataclass
class _Row:
    row: int
    lead_id: int
    state: LeadState | None
    sales_owner: str
    note: str
    external_ref: str


# --- reading the file ------------------------------------------------------------------------------

def _unreadable(path: Path, reason: str) -> ValidationError:
    return ValidationError("unreadable_file", field="file", file=path.name, reason=reason)


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    """BOM -> utf-8-sig; else strict UTF-8; else GB18030 (a superset of GBK/GB2312)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _unreadable(path, "utf16")  # Excel's "Unicode text": ask for CSV UTF-8 instead
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise _unreadable(path, "encoding") from None


def _csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","
    yield from enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1)


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a lead id typed into Excel is a number: 123.0 -> "123"
    return str(value)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    import zipfile

    import openpyxl  # on first use (import cost)
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "no default style": harmless for reading values
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise _unreadable(path, "xlsx") from exc
    try:
        sheet = book.worksheets[0]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1):
                yield number, [_xlsx_text(v) for v in values]
    finally:
        book.close()


def read_rows(path: Path | str) -> tuple[str, Iterator[tuple[int, list[str]]]]:
    """(encoding, (row number, cells) for every row, header included) of a CSV or XLSX file."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise _unreadable(path, "not_found" if isinstance(exc, FileNotFoundError) else "os_error") from exc
    if head == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm"):
        return "xlsx", _xlsx_rows(path)
    text, encoding = _decode(path.read_bytes(), path)
    return encoding, _csv_rows(text)


def _columns(header: Sequence[str], path: Path) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        column = _HEADER_INDEX.get(_header_key(title))
        if column is None:
            continue
        if column in found:
            raise ValidationError("duplicate_column", field="file", file=path.name, column=column)
        found[column] = index
    if "lead_id" not in found:
        raise ValidationError("missing_column", field="file", file=path.name, column="lead_id")
    if not any(c in found for c in OUTCOME_COLUMNS):
        raise ValidationError("missing_column", field="file", file=path.name, column="state")
    return found


# --- checking rows ---------------------------------------------------------------------------------

def _lead_id(text: str) -> int | None:
    text = unicodedata.normalize("NFKC", text).strip().lstrip("'")
    if text.endswith(".0"):
        text = text[:-2]
    return int(text) if text.isascii() and text.isdigit() else None


def _state(text: str) -> LeadState | None:
    key = unicodedata.normalize("NFKC", text).strip()
    code = STATE_LABELS.get(key, key.casefold())
    try:
        state = LeadState(code)
    except ValueError:
        return None
    return state if state in SETTABLE else None


def _parse(rows: Iterator[tuple[int, list[str]]], cols: dict[str, int],
           rejected: list[RowResult]) -> list[_Row]:
    """Rows with a well-formed lead id and values; the others go to ``rejected``.

    A lead id on more than one row rejects all of them (which one is meant cannot be known), even when one
    of the rows has a problem of its own: that problem is what its row reports."""
    parsed: list[tuple[_Row, RowResult | None]] = []
    empty: list[int] = []  # reported only when a non-empty row follows (trailing blanks are Excel's)

    def cell(cells: list[str], column: str) -> str:
        index = cols.get(column)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    for number, cells in rows:
        if not any(c.strip() for c in cells):
            empty.append(number)
            continue
        rejected.extend(RowResult(n, None, "empty_row") for n in empty)
        empty.clear()
        raw_id = cell(cells, "lead_id")
        lead_id = _lead_id(raw_id)
        if lead_id is None:
            rejected.append(RowResult(number, None, "bad_lead_id", {"value": raw_id}) if raw_id
                            else RowResult(number, None, "missing_lead_id"))
            continue
        row = _Row(number, lead_id, None, cell(cells, "sales_owner"), cell(cells, "note"),
                   cell(cells, "external_ref"))
        parsed.append((row, _check_values(row, cell(cells, "state"))))
    rows_of: dict[int, list[int]] = {}
    for row, _ in parsed:
        rows_of.setdefault(row.lead_id, []).append(row.row)
    good: list[_Row] = []
    for row, problem in parsed:
        if problem is None and len(rows_of[row.lead_id]) > 1:
            problem = RowResult(row.row, row.lead_id, "duplicate_lead_id", {"rows": rows_of[row.lead_id]})
        if problem is not None:
            rejected.append(problem)
        else:
            good.append(row)
    return good


def _check_values(row: _Row, state_text: str) -> RowResult | None:
    if state_text:
        row.state = _state(state_text)
        if row.state is None:
            return RowResult(row.row, row.lead_id, "bad_state", {"value": state_text})
    for name, limit in (("sales_owner", MAX_OWNER), ("note", MAX_NOTE), ("external_ref", MAX_REF)):
        if len(getattr(row, name)) > limit:
            return RowResult(row.row, row.lead_id, "too_long", {"column": name, "max": limit})
    for name in ("note", "sales_owner", "external_ref"):
        hits = identifiers.find_auth_data(getattr(row, name))
        if hits:  # C3 is never stored, not even in a note
            return RowResult(row.row, row.lead_id, "auth_data", {"column": name, "kind": hits[0].kind})
    return None


def _current(ids: Sequence[int]) -> dict[int, tuple[LeadState, int, str, str, str]]:
    """lead id -> (state, version, sales_owner, outcome_note, external_ref), read in chunks."""
    found: dict[int, tuple[LeadState, int, str, str, str]] = {}
    for start in range(0, len(ids), CHUNK):
        query = (Lead.select(Lead.id, Lead.state, Lead.version, Lead.sales_owner, Lead.outcome_note,
                             Lead.external_ref)
                 .where(Lead.id.in_(list(ids[start:start + CHUNK]))).tuples())
        for lead_id, state, version, owner, note, ref in query:
            found[lead_id] = (LeadState(state), version, owner or "", note or "", ref or "")
    return found


def _allowed() -> dict[str, frozenset[str]]:
    from crm.services import leads

    return {str(k): frozenset(str(s) for s in v) for k, v in leads.ALLOWED.items()}


def _judge(parsed: list[_Row], report: ImportReport) -> list[tuple[_Row, tuple]]:
    """Sort parsed rows into rejected / unchanged / to apply (with the lead's current values)."""
    current = _current(sorted({row.lead_id for row in parsed}))
    allowed = _allowed()
    to_apply: list[tuple[_Row, tuple]] = []
    for row in parsed:
        now = current.get(row.lead_id)
        if now is None:
            report.rejected.append(RowResult(row.row, row.lead_id, "unknown_lead"))
            continue
        state, _, owner, note, ref = now
        if row.state is None or row.state == state:
            if not any((row.state, row.sales_owner, row.note, row.external_ref)):
                report.unchanged.append(RowResult(row.row, row.lead_id, "no_outcome"))
            elif not _changes(row, owner, note, ref):
                report.unchanged.append(RowResult(row.row, row.lead_id, "unchanged", {"state": str(state)}))
            else:
                to_apply.append((row, now))
        elif str(row.state) not in allowed.get(str(state), frozenset()):
            report.rejected.append(RowResult(row.row, row.lead_id, "transition_not_allowed",
                                             {"from": str(state), "to": str(row.state)}))
        else:
            to_apply.append((row, now))
    return to_apply


def _changes(row: _Row, owner: str, note: str, ref: str) -> dict[str, str]:
    """Columns the row changes besides the state; an empty cell means "leave as is", not "clear"."""
    wanted = {"sales_owner": (row.sales_owner, owner), "outcome_note": (row.note, note),
              "external_ref": (row.external_ref, ref)}
    return {name: new for name, (new, old) in wanted.items() if new and new != old}


# --- applying --------------------------------------------------------------------------------------

def _apply(actor: StaffUser, row: _Row, now: tuple) -> RowResult:
    """One row: the state through leads.set_state (its transition rules, its audit), the other columns it
    does not cover with a versioned update of their own."""
    from crm.services import leads
    from crm.services.base import versioned_update

    state, version, owner, note, ref = now
    changes = _changes(row, owner, note, ref)
    details: dict[str, Any] = {"from": str(state), "to": str(row.state or state), "columns": sorted(changes)}
    if row.state is not None and row.state != state:
        version = leads.set_state(actor, row.lead_id, version, str(row.state), note=row.note,
                                  sales_owner=row.sales_owner or None)
        changes.pop("sales_owner", None)
        changes.pop("outcome_note", None)
    if changes:
        versioned_update(Lead, row.lead_id, version, changes)
        audit.record(actor, AuditAction.UPDATE, "lead", row.lead_id, source=ENTITY, columns=sorted(changes))
    return RowResult(row.row, row.lead_id, "applied", details)


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def import_outcomes(actor: StaffUser, path: Path | str, *, dry_run: bool = False) -> ImportReport:
    """Read ``path``, judge every row and (unless ``dry_run``) apply the valid ones in one transaction.

    Raises ValidationError ``unreadable_file`` (file, reason) or ``missing_column`` (file, column) when the
    file as a whole cannot be used; row problems are reported, not raised.
    """
    if not isinstance(actor, StaffUser):
        raise ValidationError("required", field="actor")
    path = Path(path)
    encoding, rows = read_rows(path)
    try:
        try:
            _, header = next(rows)
        except StopIteration:
            raise ValidationError("missing_column", field="file", file=path.name, column="lead_id") from None
        cols = _columns(header, path)
        report = ImportReport(path.name, encoding, [], [], [], dry_run)
        parsed = _parse(rows, cols, report.rejected)
    finally:
        rows.close()
    if dry_run:
        for row, now in _judge(parsed, report):
            report.applied.append(RowResult(row.row, row.lead_id, "applied",
                                            {"from": str(now[0]), "to": str(row.state or now[0])}))
    else:
        with Lead._meta.database.atomic():  # judged on what is stored now, applied all or nothing
            for row, now in _judge(parsed, report):
                report.applied.append(_apply(actor, row, now))
            audit.record(actor, AuditAction.IMPORT, ENTITY, None, file=path.name, encoding=encoding,
                         sha256=":".join(_pairs(_sha256(path))), applied=len(report.applied),
                         unchanged=len(report.unchanged), rejected=len(report.rejected))
    report.rejected.sort(key=lambda r: r.row)
    return report


def _pairs(digest: str) -> list[str]:
    # ab:cd:… so the audit log's identifier masker does not take digit runs of the digest for a card number
    return [digest[i:i + 2] for i in range(0, len(digest), 2)]


# --- the report as text (CLI) ----------------------------------------------------------------------

def _reason(r: RowResult) -> str:
    d = r.details
    texts = {
        "empty_row": "empty row skipped",
        "missing_lead_id": "missing lead id",
        "bad_lead_id": f"lead id {d.get('value', '')!r} is not a number",
        "unknown_lead": "no such lead",
        "bad_state": f"unknown state {d.get('value', '')!r}",
        "transition_not_allowed": f"cannot go from {d.get('from')} to {d.get('to')}",
        "duplicate_lead_id": "appears more than once in the file (rows "
                             + ", ".join(str(n) for n in d.get("rows", ())) + "); none of them applied",
        "too_long": f"{d.get('column')} longer than {d.get('max')} characters",
        "auth_data": f"{d.get('column')} contains authentication data ({d.get('kind')}); never stored",
    }
    return texts.get(r.code, r.code)


def format_import_report(report: ImportReport) -> str:
    """A summary line, then one line per rejected row: ``row 7: lead 123: unknown state 'foo'``."""
    verb = "would be applied" if report.dry_run else "applied"
    lines = [f"{report.file_name} ({report.encoding}): {len(report.applied)} {verb}, "
             f"{len(report.unchanged)} unchanged, {len(report.rejected)} rejected"
             + (" (dry run: nothing was changed)" if report.dry_run else "")]
    for r in report.rejected:
        who = f"lead {r.lead_id}: " if r.lead_id is not None else ""
        lines.append(f"row {r.row}: {who}{_reason(r)}")
    return "\n".join(lines)
