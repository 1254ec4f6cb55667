"""AgendaModel: the agent's day (``crm.services.agenda.my_day``) as one table, section by section.

Overdue follow-ups first (in red), then the rest of today, the next days, and customers due a care call.
The agenda is bounded by the core (open follow-ups within a week, at most ``care_limit`` care customers),
so the rows are kept in memory; ``refresh()`` re-reads the day and resets the model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from crm.services.agenda import Agenda
from ui.customer_messages import code_label
from ui.formats import format_instant
from ui.models import roles

ModelIndex = QModelIndex | QPersistentModelIndex

COL_DUE, COL_CUSTOMER, COL_PURPOSE, COL_ATTEMPTS, COL_NOTE = range(5)
SECTION_OVERDUE, SECTION_TODAY, SECTION_UPCOMING, SECTION_CARE = "overdue", "today", "upcoming", "care"

# Kept next to the shared roles' numbers (ui/models/roles.py), in a range of their own.
FollowUpIdRole = roles._BASE + 40  # int | None: the follow-up's id (None for a care customer)
SectionRole = roles._BASE + 41  # str: overdue / today / upcoming / care
DueRole = roles._BASE + 42  # datetime: when it is due (aware UTC)
VersionRole = roles._BASE + 43  # int | None: the follow-up's version, for optimistic updates

OVERDUE_COLOR = QColor(200, 30, 30)


@dataclass(frozen=True)
class AgendaEntry:
    section: str
    followup_id: int | None
    customer_id: int
    customer_name: str
    phone: str  # masked
    due: dt.datetime
    purpose: str  # a follow-up purpose code
    attempts: int | None
    note: str
    version: int | None


def entries_of(agenda: Agenda) -> list[AgendaEntry]:
    out = []
    for section, rows in ((SECTION_OVERDUE, agenda.overdue), (SECTION_TODAY, agenda.today),
                          (SECTION_UPCOMING, agenda.upcoming)):
        out += [AgendaEntry(section, r.id, r.customer_id, r.customer_name, r.phone, r.due_at, r.purpose,
                            r.attempts, r.note, r.version) for r in rows]
    out += [AgendaEntry(SECTION_CARE, None, c.customer_id, c.customer_name, c.phone, c.due_since, "periodic_care",
                        None, c.segment, None) for c in agenda.care_due]
    return out


class AgendaModel(QAbstractTableModel):
    """``load()`` returns the day's ``Agenda`` (``lambda: my_day(actor, now)``)."""

    def __init__(self, load: Callable[[], Agenda] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._load = load
        self._rows: list[AgendaEntry] = []
        self.agenda: Agenda | None = None

    @staticmethod
    def headers() -> tuple[str, ...]:
        return (AgendaModel.tr("Due"), AgendaModel.tr("Customer"), AgendaModel.tr("Purpose"),
                AgendaModel.tr("Attempts"), AgendaModel.tr("Note"))

    @staticmethod
    def section_label(section: str) -> str:
        return {SECTION_OVERDUE: AgendaModel.tr("Overdue"), SECTION_TODAY: AgendaModel.tr("Today"),
                SECTION_UPCOMING: AgendaModel.tr("Upcoming"),
                SECTION_CARE: AgendaModel.tr("Care call due")}.get(section, section)

    # --- data ---------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the day (raises CrmError when the database is away; the rows stay as they were)."""
        if self._load is None:
            return
        self.set_agenda(self._load())

    def set_agenda(self, agenda: Agenda | None) -> None:
        self.beginResetModel()
        self.agenda = agenda
        self._rows = entries_of(agenda) if agenda is not None else []
        self.endResetModel()

    def entry(self, row: int) -> AgendaEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_followup(self, followup_id: int) -> int:
        return next((i for i, e in enumerate(self._rows) if e.followup_id == followup_id), -1)

    def count(self, section: str) -> int:
        return sum(1 for e in self._rows if e.section == section)

    # --- Qt -----------------------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 5:
            return self.headers()[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.model() is not self:
            return None
        e = self.entry(index.row())
        if e is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_DUE:
                return format_instant(e.due)
            if col == COL_CUSTOMER:
                return f"{e.customer_name}  {e.phone}".strip()
            if col == COL_PURPOSE:
                return code_label("followup_purpose", e.purpose)
            if col == COL_ATTEMPTS:
                return "" if e.attempts is None else str(e.attempts)
            if col == COL_NOTE:
                if e.section == SECTION_CARE:
                    return code_label("segment", e.note)
                return e.note.splitlines()[0] if e.note else ""
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self.section_label(e.section)
            return f"{text}\n{e.note}" if e.note and e.section != SECTION_CARE else text
        if role == Qt.ItemDataRole.ForegroundRole and e.section == SECTION_OVERDUE:
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_ATTEMPTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == roles.CustomerIdRole:
            return e.customer_id
        if role == FollowUpIdRole:
            return e.followup_id
        if role == SectionRole:
            return e.section
        if role == DueRole:
            return e.due
        if role == VersionRole:
            return e.version
        return None
