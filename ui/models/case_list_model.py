"""CaseListModel: the open complaint cases of one filter as an ID list, rows fetched a page at a time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from crm.services import case_list, cases
from crm.services.case_deadlines import DeadlineInfo, DeadlineState, deadline_info
from crm.services.case_list import CaseFilter, CaseListRow
from crm.workcalendar import WorkCalendar, default_calendar
from ui import i18n
from ui.formats import format_instant
from ui.models.roles import CustomerIdRole
from ui.views.cases import case_labels

COL_CASE_NO, COL_CUSTOMER, COL_CATEGORY, COL_STATUS, COL_PRIORITY, COL_FEEDBACK_DUE, COL_RESOLUTION_DUE = range(7)
PAGE_SIZE = 100
_BASE = int(Qt.ItemDataRole.UserRole)
CaseIdRole = _BASE + 40  # int: the case's id (answered without fetching the row)
DeadlineStateRole = _BASE + 41  # str: ok / near / overdue
NEAR_BRUSH = QBrush(QColor("#ffe8b3"))  # amber
OVERDUE_BRUSH = QBrush(QColor("#f9c4c0"))  # red
DARK_TEXT = QBrush(QColor("#1c1b1f"))
_Index = QModelIndex | QPersistentModelIndex


class CaseListModel(QAbstractTableModel):
    """Rows are case ids sorted by resolution deadline; each page's rows and deadline states are cached."""

    def __init__(self, actor, parent=None, *, calendar: WorkCalendar | None = None,
                 now=None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._calendar = calendar or default_calendar()
        self._now = now  # a fixed instant for tests; None = the clock
        self._filter = CaseFilter.MINE
        self._ids: list[int] = []
        self._cache: dict[int, tuple[CaseListRow, DeadlineInfo, dt.timedelta]] = {}
        self._categories: dict[str, tuple[str, str]] | None = None  # read with the first rows

    # --- querying ------------------------------------------------------------------------------------

    def set_filter(self, filter_: CaseFilter | str) -> None:
        self._filter = CaseFilter(filter_)
        self.refresh()

    def filter(self) -> CaseFilter:
        return self._filter

    def refresh(self) -> None:
        self.beginResetModel()
        self._ids = case_list.case_ids(self._filter, self._actor.id, now=self._instant(),
                                       calendar=self._calendar)
        self._cache.clear()
        self.endResetModel()

    def case_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, case_id: int) -> int:
        return self._ids.index(case_id) if case_id in self._ids else -1

    def _instant(self) -> dt.datetime:
        return self._now or dt.datetime.now(dt.UTC)

    def _entry(self, row: int) -> tuple[CaseListRow, DeadlineInfo, dt.timedelta] | None:
        case_id = self._ids[row]
        if case_id not in self._cache:
            start = row - row % PAGE_SIZE
            page = self._ids[start:start + PAGE_SIZE]
            now = self._instant()
            for cid, item in case_list.case_rows(page).items():
                info = deadline_info(item, now, self._calendar)
                clock = item.paused_since or now
                left = self._calendar.working_time_between(clock, item.resolution_due)
                self._cache[cid] = (item, info, left)
        return self._cache.get(case_id)

    # --- Qt model ------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal or not 0 <= section < 7:
            return None
        return (self.tr("Case no."), self.tr("Customer"), self.tr("Category"), self.tr("Status"),
                self.tr("Priority"), self.tr("First feedback due"), self.tr("Resolution due"))[section]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == CaseIdRole:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole, DeadlineStateRole,
                        CustomerIdRole):
            return None
        entry = self._entry(index.row())
        if entry is None:  # deleted since the ids were read
            return None
        item, info, left = entry
        if role == CustomerIdRole:
            return item.customer_id
        if role == DeadlineStateRole:
            return str(info.state)
        if role == Qt.ItemDataRole.BackgroundRole:
            return {DeadlineState.NEAR: NEAR_BRUSH, DeadlineState.OVERDUE: OVERDUE_BRUSH}.get(info.state)
        if role == Qt.ItemDataRole.ForegroundRole:
            return DARK_TEXT if info.state != DeadlineState.OK else None
        if role == Qt.ItemDataRole.FontRole:
            if item.escalated or item.priority != "normal":
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, info)
        return self._display(index.column(), item, info, left)

    def _display(self, column: int, item: CaseListRow, info: DeadlineInfo, left: dt.timedelta) -> str:
        if column == COL_CASE_NO:
            return item.case_no + (" ⚑" if item.escalated else "")
        if column == COL_CUSTOMER:
            return f"{item.customer_name} {item.customer_phone}".strip()
        if column == COL_CATEGORY:
            if self._categories is None:
                self._categories = {code: (zh, en) for _id, code, zh, en in cases.categories()}
            names = self._categories.get(item.category)
            return (names[0] if i18n.current_language() == i18n.CHINESE else names[1]) if names else item.category
        if column == COL_STATUS:
            text = case_labels.status_label(item.status)
            return text + (self.tr(" (clock paused)") if item.paused_since else "")
        if column == COL_PRIORITY:
            text = case_labels.priority_label(item.priority)
            return text + (" · " + self.tr("escalated") if item.escalated else "")
        if column == COL_FEEDBACK_DUE:
            if item.first_feedback_at is not None:
                return self.tr("given")
            return format_instant(item.first_feedback_due)
        return f"{format_instant(item.resolution_due)} ({case_labels.remaining_text(left)})"

    def _tooltip(self, item: CaseListRow, info: DeadlineInfo) -> str:
        parts = [case_labels.state_label(info.state)]
        if item.paused_since:
            parts.append(self.tr("clock paused"))
        if item.repeat_of:
            parts.append(self.tr("repeat complaint"))
        return " · ".join(parts)
