"""Words for what the lead services, the lead export and the outcome import answer with codes.

``message_for(error)`` covers the lead-specific error codes (a ``code/variant`` entry first, the variant being
the error's ``reason`` or ``action`` detail) and falls back to ``ui.errors`` (stale version, permission,
required fields…); ``skip_reason`` says why an export left a lead out; ``row_reason`` says what
the outcome import did with one row of the sales team's file. Context "LeadMessages".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from crm.errors import ConflictError, CrmError, PermissionDenied
from ui import sales_labels
from ui.errors import error_message

_CONTEXT = "LeadMessages"

_ERRORS: dict[str, str] = {
    "invalid_transition": QT_TRANSLATE_NOOP(
        "LeadMessages", "A lead cannot move from “{from_state}” to “{to_state}”."),
    "lead_blocked": QT_TRANSLATE_NOOP(
        "LeadMessages", "The lead cannot go to sales now: {check}"),
    "not_blocked": QT_TRANSLATE_NOOP("LeadMessages", "Nothing blocks this lead any more: there is nothing to "
                                     "override."),
    "not_overridable": QT_TRANSLATE_NOOP(
        "LeadMessages", "This block cannot be overridden by anyone: {check}"),
    "already_overridden": QT_TRANSLATE_NOOP(
        "LeadMessages", "A supervisor has already overridden every block of this lead."),
    "invalid_state": QT_TRANSLATE_NOOP(
        "LeadMessages", "Only a new lead can be overridden; this one is “{state}”."),
    "invalid_state/change_channel": QT_TRANSLATE_NOOP(
        "LeadMessages", "Only a new lead's contact channel can be changed; this one is “{state}”."),
    "same_channel": QT_TRANSLATE_NOOP(
        "LeadMessages", "Sales already contacts the customer by {channel} for this lead: choose another channel."),
    "role_required": QT_TRANSLATE_NOOP(
        "LeadMessages", "Only supervisors and administrators may override a block."),
    "stale_version": QT_TRANSLATE_NOOP(
        "LeadMessages", "Someone else changed this lead after you opened it. It has been reloaded: check it "
        "and make your change again."),
    "leads_changed": QT_TRANSLATE_NOOP(
        "LeadMessages", "Some leads were changed by someone else while the file was being written. Nothing "
        "was exported and no file was left behind: try again."),
    "nothing_to_export": QT_TRANSLATE_NOOP(
        "LeadMessages", "None of the chosen leads may go to sales now ({skipped} left out), so no file was "
        "written."),
    "unreadable_file": QT_TRANSLATE_NOOP("LeadMessages", "The file “{file}” cannot be read."),
    "unreadable_file/utf16": QT_TRANSLATE_NOOP(
        "LeadMessages", "The file “{file}” is saved as “Unicode text”. In Excel, save it as “CSV UTF-8” or "
        "as an Excel workbook instead."),
    "unreadable_file/encoding": QT_TRANSLATE_NOOP(
        "LeadMessages", "The file “{file}” is neither UTF-8 nor GB18030 text. Save it as “CSV UTF-8” or as an "
        "Excel workbook."),
    "unreadable_file/xlsx": QT_TRANSLATE_NOOP(
        "LeadMessages", "The file “{file}” is not a readable Excel workbook (.xlsx)."),
    "unreadable_file/not_found": QT_TRANSLATE_NOOP("LeadMessages", "The file “{file}” no longer exists."),
    "missing_column": QT_TRANSLATE_NOOP(
        "LeadMessages", "The file “{file}” has no “{column}” column. The first row must name the columns, e.g. "
        "lead_id / 线索编号 and state / 状态."),
    "duplicate_column": QT_TRANSLATE_NOOP(
        "LeadMessages", "The file “{file}” has the “{column}” column twice: keep only one."),
}

# Why the export left a lead out, besides the suitability and consent checks (sales_labels words those).
_SKIPS: dict[str, str] = {
    "not_new": QT_TRANSLATE_NOOP("LeadMessages", "Not a new lead: it was handed over or closed already."),
    "not_found": QT_TRANSLATE_NOOP("LeadMessages", "The lead no longer exists."),
    "not_exportable": QT_TRANSLATE_NOOP("LeadMessages", "The lead may not go to sales now."),
}

# What the outcome import did with one row of the file.
_ROWS: dict[str, str] = {
    "applied": QT_TRANSLATE_NOOP("LeadMessages", "“{from_state}” → “{to_state}”"),
    "unchanged": QT_TRANSLATE_NOOP("LeadMessages", "Already “{state}”: nothing to change."),
    "no_outcome": QT_TRANSLATE_NOOP("LeadMessages", "No outcome given: nothing to change."),
    "empty_row": QT_TRANSLATE_NOOP("LeadMessages", "Empty row, skipped."),
    "missing_lead_id": QT_TRANSLATE_NOOP("LeadMessages", "The lead number is missing."),
    "bad_lead_id": QT_TRANSLATE_NOOP("LeadMessages", "“{value}” is not a lead number."),
    "unknown_lead": QT_TRANSLATE_NOOP("LeadMessages", "There is no lead with this number."),
    "bad_state": QT_TRANSLATE_NOOP(
        "LeadMessages", "“{value}” is not an outcome this program knows (use 成交, 未成交, 已联系, 已接收 or 无效)."),
    "transition_not_allowed": QT_TRANSLATE_NOOP(
        "LeadMessages", "The lead cannot move from “{from_state}” to “{to_state}”."),
    "never_handed_over": QT_TRANSLATE_NOOP(
        "LeadMessages", "This lead was never handed over to sales (it is still “{from_state}”), so sales cannot "
        "report “{to_state}” for it."),
    "duplicate_lead_id": QT_TRANSLATE_NOOP(
        "LeadMessages", "The lead appears more than once in the file (rows {rows}): none of these rows is "
        "applied."),
    "too_long": QT_TRANSLATE_NOOP("LeadMessages", "The “{column}” text is longer than {max} characters."),
    "auth_data": QT_TRANSLATE_NOOP(
        "LeadMessages", "The “{column}” text contains what looks like authentication data (a password, PIN or "
        "verification code); it is never stored."),
}

_COLUMNS: dict[str, str] = {
    "note": QT_TRANSLATE_NOOP("LeadMessages", "note"),
    "sales_owner": QT_TRANSLATE_NOOP("LeadMessages", "sales owner"),
    "external_ref": QT_TRANSLATE_NOOP("LeadMessages", "external reference"),
    "lead_id": QT_TRANSLATE_NOOP("LeadMessages", "lead_id"),
    "state": QT_TRANSLATE_NOOP("LeadMessages", "state"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _values(details: Mapping[str, Any]) -> dict[str, str]:
    values = {k: str(v) for k, v in details.items()}
    for key in ("from_state", "to_state", "state", "from", "to"):
        if key in details:
            values[key] = sales_labels.lead_state_label(details[key])
    values.setdefault("from_state", values.get("from", ""))
    values.setdefault("to_state", values.get("to", ""))
    if "check" in details:
        values["check"] = sales_labels.check_sentence(str(details["check"]))
    if "channel" in details:
        values["channel"] = sales_labels.channel_label(details["channel"])
    if "column" in details:
        column = str(details["column"])
        values["column"] = _tr(_COLUMNS[column]) if column in _COLUMNS else column
    if "rows" in details:
        separator = QCoreApplication.translate("LeadMessages", ", ", "between row numbers")
        values["rows"] = separator.join(str(n) for n in details["rows"])
    return values


def message_for(error: CrmError) -> str:
    """The sentence for ``error`` in the lead screens (no "field: …" suffix)."""
    if isinstance(error, ConflictError) and error.code == "stale_version":
        return _tr(_ERRORS["stale_version"])
    variant = error.details.get("reason") or error.details.get("action")  # e.g. unreadable_file/utf16
    template = _ERRORS.get(f"{error.code}/{variant}") or _ERRORS.get(error.code)
    if template is None and isinstance(error, PermissionDenied):
        template = _ERRORS["role_required"]
    if template is None:
        return error_message(error, where=False)
    return _tr(template).format_map(_Missing(_values(error.details)))


def skip_reason(code: str) -> str:
    """Why the export left a lead out: a check's sentence, or not new / gone."""
    if code in _SKIPS:
        return _tr(_SKIPS[code])
    return sales_labels.check_sentence(code)


def row_reason(code: str, details: Mapping[str, Any] | None = None) -> str:
    """What the import did with one row (applied, unchanged, or why it was rejected)."""
    if code == "transition_not_allowed" and str((details or {}).get("from")) == "new":
        code = "never_handed_over"
    template = _ROWS.get(code)
    if template is None:
        return code
    return _tr(template).format_map(_Missing(_values(details or {})))
