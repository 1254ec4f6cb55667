"""TimelineModel: one customer's history, newest first, fetched page by page with the core's keyset cursor."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from crm.identifiers import mask_identifiers_in_text
from crm.services.timeline import Cursor, TimelineItem
from ui import sales_labels
from ui.customer_messages import code_label
from ui.formats import format_instant
from ui.views.cases import case_labels

log = logging.getLogger(__name__)

PAGE_SIZE = 50
_BASE = int(Qt.ItemDataRole.UserRole) + 20  # clear of ui/models/roles.py (move there when merging)
KindRole = _BASE + 1  # str: interaction, case, case_update, followup, followup_attempt, opportunity, lead, change
TimestampRole = _BASE + 2  # datetime: aware UTC
SummaryRole = _BASE + 3  # dict: the core's summary of the item, untranslated codes
TitleRole = _BASE + 4  # str: first line, e.g. "Inbound call · Complaint"
MetaRole = _BASE + 5  # str: who and how it went, e.g. "Li · 5 min 12 s · ★★★★☆"
BodyRole = _BASE + 6  # str: notes or summary text, identifiers masked
TimeTextRole = _BASE + 7  # str: local date and time in the UI language
ItemIdRole = _BASE + 8  # int: the item's id within its kind

PageFunction = Callable[..., list[TimelineItem]]
_Index = QModelIndex | QPersistentModelIndex


def _default_page() -> PageFunction:
    from crm.services.timeline import page  # bound to the open database by the core

    return page


class TimelineModel(QAbstractListModel):
    """Rows are TimelineItems; ``fetchMore`` asks the core for the next page after the last row's cursor.

    Nothing is loaded beyond what the view scrolls to: a customer with 10,000 interactions costs one
    50-item query when opened.
    """

    def __init__(self, page: PageFunction | None = None, page_size: int = PAGE_SIZE,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page = page or _default_page()
        self._page_size = page_size
        self._customer_id: int | None = None
        self._items: list[TimelineItem] = []
        self._more = False
        self._staff_names: dict[int, str] = {}  # for case reassignment lines, read on the first unknown id

    # --- loading ----------------------------------------------------------------------------------

    def set_customer(self, customer_id: int | None) -> None:
        """Show ``customer_id``'s newest page (None empties the model)."""
        self.beginResetModel()
        self._customer_id = customer_id
        self._items = []
        self._more = False
        if customer_id is not None:
            self._items = self._fetch(None)
            self._more = len(self._items) == self._page_size
        self.endResetModel()

    def customer_id(self) -> int | None:
        return self._customer_id

    def _fetch(self, after: Cursor | None) -> list[TimelineItem]:
        return list(self._page(self._customer_id, after=after, limit=self._page_size))

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if parent.isValid() or not self._more or not self._items:
            return
        page = self._fetch(self._items[-1].cursor)
        self._more = len(page) == self._page_size
        if not page:
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._items.extend(page)
        self.endInsertRows()

    def prepend_refresh(self) -> None:
        """After a save: read the first page again, insert what is new above, update what changed."""
        if self._customer_id is None:
            return
        if not self._items:
            self.set_customer(self._customer_id)
            return
        fresh = self._fetch(None)
        newest = self._items[0].cursor
        newer = [item for item in fresh if item.cursor > newest]
        if fresh and len(newer) == len(fresh) and len(fresh) == self._page_size:
            # More new items than a page: the gap cannot be filled by prepending, so start again.
            self.set_customer(self._customer_id)
            return
        if newer:
            self.beginInsertRows(QModelIndex(), 0, len(newer) - 1)
            self._items[:0] = newer
            self.endInsertRows()
        by_key = {(item.kind, item.id): item for item in fresh[len(newer):]}
        for row, item in enumerate(self._items[len(newer):len(fresh)], start=len(newer)):
            updated = by_key.get((item.kind, item.id))
            if updated is not None and updated.summary != item.summary:
                self._items[row] = updated
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)

    def retranslate(self) -> None:
        """Texts depend on the UI language and locale: repaint every row after a language change."""
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, 0))

    # --- reading ----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def item(self, row: int) -> TimelineItem:
        return self._items[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [f"{format_instant(item.ts)}  {self._title(item)}", self._meta(item), self._body(item)]
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        if role == KindRole:
            return item.kind
        if role == TimestampRole:
            return item.ts
        if role == SummaryRole:
            return dict(item.summary)
        if role == TitleRole:
            return self._title(item)
        if role == MetaRole:
            return self._meta(item)
        if role == BodyRole:
            return self._body(item)
        if role == TimeTextRole:
            return format_instant(item.ts)
        if role == ItemIdRole:
            return item.id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # --- texts ------------------------------------------------------------------------------------

    def _title(self, item: TimelineItem) -> str:
        s = item.summary
        if item.kind == "interaction":
            return self.tr("{channel} · {category}").format(
                channel=code_label("channel", s.get("channel")), category=code_label("category", s.get("category")))
        if item.kind == "case":
            return self.tr("Complaint case {case_no} · {status}").format(
                case_no=s.get("case_no", ""), status=code_label("case_status", s.get("status")))
        if item.kind == "case_update":
            title = self.tr("Case {case_no} · {update}").format(
                case_no=s.get("case_no", ""), update=code_label("case_update_kind", s.get("kind")))
            if s.get("status_to"):
                title += " → " + code_label("case_status", s["status_to"])
            return title
        if item.kind == "followup":
            return self.tr("Follow-up call · {purpose} · {status}").format(
                purpose=code_label("followup_purpose", s.get("purpose")),
                status=code_label("followup_status", s.get("status")))
        if item.kind == "followup_attempt":
            return self.tr("Follow-up attempt · {outcome}").format(
                outcome=code_label("attempt_outcome", s.get("outcome")))
        if item.kind == "opportunity":
            return self.tr("Sales opportunity · {category} · {status}").format(
                category=sales_labels.category_label(s.get("category")),
                status=sales_labels.opportunity_status_label(s.get("status")))
        if item.kind == "lead":
            return self.tr("Sales lead · {state}").format(state=sales_labels.lead_state_label(s.get("state")))
        if item.kind == "change":
            return self._change_title(s)
        return item.kind

    def _change_title(self, s: dict[str, Any]) -> str:
        detail = s.get("detail") or {}
        action = s.get("action")
        if action == "verify":
            outcome = detail.get("outcome")
            label = self.tr("Verification locked") if outcome == "locked" else code_label("verification", outcome)
            return self.tr("Identity verification · {outcome}").format(outcome=label)
        if action == "reveal":
            return self.tr("Identifier revealed · {field}").format(
                field=code_label("verification_element", detail.get("field")))
        if action == "create":
            return self.tr("Customer record created")
        if "consent" in detail:
            return self.tr("Consent recorded")
        if "phone_added_masked" in detail:
            return self.tr("Phone number added")
        if "phone_removed_masked" in detail:
            return self.tr("Phone number removed")
        if "tags" in detail:
            return self.tr("Tags changed")
        return self.tr("Customer record changed")

    def _meta(self, item: TimelineItem) -> str:
        s = item.summary
        parts: list[str] = []
        if item.kind == "interaction":
            parts.append(s.get("staff") or "")
            if s.get("duration_s"):
                minutes, seconds = divmod(int(s["duration_s"]), 60)
                parts.append(self.tr("{minutes} min {seconds} s").format(minutes=minutes, seconds=seconds)
                             if minutes else self.tr("{seconds} s").format(seconds=seconds))
            if s.get("outcome"):
                parts.append(code_label("outcome", s["outcome"]))
            if s.get("verification") and s["verification"] != "not_done":
                parts.append(code_label("verification", s["verification"]))
            if s.get("satisfaction"):
                score = int(s["satisfaction"])
                parts.append("★" * score + "☆" * (5 - score))
            if s.get("fraud_flag"):
                parts.append(self.tr("⚠ Possible fraud"))
        elif item.kind == "case":
            if s.get("priority") and s["priority"] != "normal":
                parts.append(code_label("case_priority", s["priority"]))
            if s.get("resolution_due"):
                parts.append(self.tr("Reply due {due}").format(due=format_instant(s["resolution_due"])))
        elif item.kind == "followup":
            if s.get("due_at"):
                parts.append(self.tr("Due {due}").format(due=format_instant(s["due_at"])))
        elif item.kind == "followup_attempt":
            parts.append(code_label("followup_purpose", s.get("purpose")))
        elif item.kind == "change":
            parts.append(s.get("actor") or "")
        return " · ".join(p for p in parts if p)

    def _body(self, item: TimelineItem) -> str:
        s = item.summary
        if item.kind == "interaction":
            text = s.get("notes") or ""
            if s.get("satisfaction_reason"):
                text = self.tr("{notes}\nSatisfaction: {reason}").format(
                    notes=text, reason=s["satisfaction_reason"]).strip()
        elif item.kind == "case":
            text = s.get("summary") or ""
        elif item.kind in ("case_update",):
            text = case_labels.history_text(str(s.get("kind") or ""), s.get("text") or "", s.get("status_from"),
                                            s.get("status_to"), self._staff_name)
        elif item.kind in ("followup", "followup_attempt"):
            text = s.get("note") or ""
        elif item.kind == "opportunity":
            text = s.get("evidence_text") or ""
        elif item.kind == "lead":
            text = (self.tr("Blocked: {reason}").format(reason=sales_labels.check_title(s["block_reason"]))
                    if s.get("block_reason") else "")
        elif item.kind == "change":
            text = "" if s.get("action") == "create" else self._change_body(s.get("detail") or {})
        else:
            text = ""
        # Free text may quote an identifier the agent typed: C2 data is masked on display.
        return mask_identifiers_in_text(text)

    def _staff_name(self, staff_id: int | None) -> str:
        """A colleague's name for a case's reassignment line (staff are few: read again on an unknown id)."""
        if staff_id is None:
            return case_labels.tr(case_labels.NOBODY)
        if staff_id not in self._staff_names:  # painting asks again and again: one query per unknown id
            from crm.services.staff import list_staff

            self._staff_names = {r.id: r.display_name for r in list_staff(include={staff_id})}
            self._staff_names.setdefault(staff_id, f"#{staff_id}")  # gone for good: not read again
        return self._staff_names[staff_id]

    def _change_body(self, detail: dict[str, Any]) -> str:
        if "consent" in detail:
            purpose, _, channel = str(detail["consent"]).partition("/")
            return self.tr("{purpose} by {channel}: {choice} ({source})").format(
                purpose=code_label("consent_purpose", purpose), channel=code_label("consent_channel", channel),
                choice=self.tr("granted") if detail.get("granted") else self.tr("refused"),
                source=code_label("consent_source", detail.get("source")))
        if "phone_added_masked" in detail:
            text = str(detail["phone_added_masked"])
            return self.tr("{phone} (reserved mobile)").format(phone=text) if detail.get("reserved") else text
        if "phone_removed_masked" in detail:
            return str(detail["phone_removed_masked"])
        if "tags" in detail:
            return self.tr(", ").join(map(str, detail["tags"]))
        if detail.get("reason") and "field" in detail:
            return self.tr("Reason: {reason}").format(reason=detail["reason"])
        if detail.get("mismatched"):
            return self.tr("Not matching: {elements}").format(elements=self.tr(", ").join(
                code_label("verification_element", e) for e in detail["mismatched"]))
        fields = [f for f in detail.get("fields") or () if not str(f).startswith("name_")]
        if fields:
            return self.tr("Fields: {fields}").format(
                fields=self.tr(", ").join(code_label("customer_field", f) for f in fields))
        return ""

    def _tooltip(self, item: TimelineItem) -> str:
        lines = [f"{format_instant(item.ts)}", self._title(item), self._meta(item), self._body(item)]
        return "\n".join(line for line in lines if line)
