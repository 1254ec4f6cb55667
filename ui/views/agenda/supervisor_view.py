"""SupervisorView (主管视图): every agent's queue with overdue counts, and moving an absent agent's open
follow-ups to a colleague in bulk.

``queues(now)`` scans every open case (up to 0.8 s on 100k customers), so it runs on a QThreadPool worker;
the result comes back through a queued signal and replaces the model's rows.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.errors import CrmError
from crm.services.base import now_utc
from ui.errors import error_message, show_error

if TYPE_CHECKING:
    from crm.models import StaffUser
    from crm.services.agenda import QueueRow

log = logging.getLogger(__name__)
REFRESH_MS = 60_000
ModelIndex = QModelIndex | QPersistentModelIndex

(COL_AGENT, COL_ROLE, COL_OPEN, COL_OVERDUE, COL_TODAY, COL_UPCOMING, COL_CARE, COL_CASES, COL_CASES_NEAR,
 COL_CASES_OVERDUE) = range(10)
_FIELDS = {COL_OPEN: "open", COL_OVERDUE: "overdue", COL_TODAY: "due_today", COL_UPCOMING: "upcoming",
           COL_CARE: "care_due", COL_CASES: "cases_open", COL_CASES_NEAR: "cases_near",
           COL_CASES_OVERDUE: "cases_overdue"}
StaffIdRole = int(Qt.ItemDataRole.UserRole) + 44  # next to ui/models/agenda_model.py's roles


class QueueModel(QAbstractTableModel):
    """One row per agent (a handful to a few hundred): kept in memory, replaced by ``set_rows``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[QueueRow] = []

    @staticmethod
    def headers() -> tuple[str, ...]:
        return (QueueModel.tr("Agent"), QueueModel.tr("Role"), QueueModel.tr("Open"), QueueModel.tr("Overdue"),
                QueueModel.tr("Today"), QueueModel.tr("Upcoming"), QueueModel.tr("Care due"), QueueModel.tr("Cases"),
                QueueModel.tr("Cases near deadline"), QueueModel.tr("Cases overdue"))

    def set_rows(self, rows: list[QueueRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def queue(self, row: int) -> QueueRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[QueueRow]:
        return list(self._rows)

    def row_of_staff(self, staff_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.staff_id == staff_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 10

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 10:
            return self.headers()[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.model() is not self:
            return None
        q = self.queue(index.row())
        if q is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_AGENT:
                name = q.display_name or q.username
                return name if q.active else self.tr("{name} (inactive)").format(name=name)
            if col == COL_ROLE:
                return role_label(q.role)
            field = _FIELDS.get(col)
            return str(getattr(q, field)) if field else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in _FIELDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col in (COL_OVERDUE, COL_CASES_OVERDUE) \
                and getattr(q, _FIELDS[col]):
            return QBrush(QColor(200, 30, 30))
        if role == StaffIdRole:
            return q.staff_id
        return None


def role_label(role: str) -> str:
    labels = {"agent": QueueModel.tr("Agent"), "supervisor": QueueModel.tr("Supervisor"),
              "admin": QueueModel.tr("Administrator")}
    return labels.get(role, role)


class _QueuesSignals(QObject):
    sig_loaded = Signal(object)  # list[QueueRow]
    sig_failed = Signal(object)  # CrmError


class QueuesJob(QRunnable):
    """``queues(now)`` on a pool thread; its own database connection is closed when done."""

    def __init__(self, now: dt.datetime, parent: QObject | None = None) -> None:
        super().__init__()
        self.now = now
        self.signals = _QueuesSignals(parent)  # owned by the view: never destroyed on the pool's thread

    def run(self) -> None:
        from crm.db import database_proxy
        from crm.services.agenda import queues

        try:
            rows = queues(self.now)
        except CrmError as exc:
            self._emit(self.signals.sig_failed, exc)
            return
        except Exception as exc:  # noqa: BLE001 - a pool thread has no excepthook: hand it to the UI thread
            log.exception("supervisor queues failed")
            self._emit(self.signals.sig_failed, exc)
            return
        finally:
            try:
                if not database_proxy.is_closed():
                    database_proxy.close()
            except Exception:  # noqa: BLE001
                log.debug("closing the worker's connection failed", exc_info=True)
        self._emit(self.signals.sig_loaded, rows)

    @staticmethod
    def _emit(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the window closed while we counted: nobody is left to tell
            log.debug("supervisor queues finished after their view was deleted")


class SupervisorView(QWidget):
    sig_queues_loaded = Signal()
    sig_followups_reassigned = Signal(int, int, int)  # from staff id, to staff id, how many

    def __init__(self, actor: StaffUser, parent: QWidget | None = None, *,
                 clock: Callable[[], dt.datetime] = now_utc, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._clock = clock
        self._pool = pool or QThreadPool.globalInstance()
        self._job: QueuesJob | None = None
        self._loaded = False
        self.model = QueueModel(self)
        self.status = QLabel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.target_label = QLabel(self)
        self.target = QComboBox(self)
        self.target_label.setBuddy(self.target)
        self.reassign_button = QPushButton(self)
        self.reassign_button.clicked.connect(self._on_reassign_button_clicked)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)
        row = QHBoxLayout()
        row.addWidget(self.target_label)
        row.addWidget(self.target, 1)
        row.addWidget(self.reassign_button)
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.table.selectionModel().currentRowChanged.connect(self._on_selection_current_row_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start()
        self.retranslateUi()
        self._update_targets()

    def retranslateUi(self) -> None:
        self.target_label.setText(self.tr("Move open follow-ups &to:"))
        self.reassign_button.setText(self.tr("&Reassign"))
        self.reassign_button.setToolTip(self.tr("Give every open follow-up of the selected agent to the colleague"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_action.setText(self.tr("Refresh"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        if not self._loaded and self._job is None:
            self.status.setText("")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    def _on_timer_timeout(self) -> None:
        if self.isVisible():
            self.refresh()

    # --- loading off the UI thread -----------------------------------------------------------------

    def is_loading(self) -> bool:
        return self._job is not None

    def refresh(self) -> None:
        if self._job is not None:
            return
        self.status.setText(self.tr("Counting every agent's queue…"))
        job = QueuesJob(self._clock(), self)
        job.signals.sig_loaded.connect(self._on_job_loaded)
        job.signals.sig_failed.connect(self._on_job_failed)
        self._job = job
        self._pool.start(job)

    def _on_job_loaded(self, rows: list[QueueRow]) -> None:
        self._job = None
        self._loaded = True
        selected = self.selected_staff_id()
        self.model.set_rows(rows)
        row = self.model.row_of_staff(selected) if selected is not None else -1
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        overdue = sum(r.overdue for r in rows)
        self.status.setText(self.tr("{agents} agents · {overdue} overdue follow-ups").format(
            agents=len(rows), overdue=overdue))
        self._update_targets()
        self.sig_queues_loaded.emit()

    def _on_job_failed(self, exc: Exception) -> None:
        self._job = None
        if isinstance(exc, CrmError):
            self.status.setText(error_message(exc))
        else:
            self.status.setText(self.tr("The queues could not be counted. Press F5 to try again."))

    # --- reassigning -------------------------------------------------------------------------------

    def selected_staff_id(self) -> int | None:
        index = self.table.currentIndex()
        q = self.model.queue(index.row()) if index.isValid() else None
        return q.staff_id if q else None

    def select_staff(self, staff_id: int) -> None:
        row = self.model.row_of_staff(staff_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def _on_selection_current_row_changed(self, *_args) -> None:
        self._update_targets()

    def _update_targets(self) -> None:
        source = self.selected_staff_id()
        current = self.target.currentData()
        self.target.clear()
        for q in self.model.rows():
            if q.active and q.staff_id != source:
                self.target.addItem(q.display_name or q.username, q.staff_id)
        if current is not None:
            index = self.target.findData(current)
            if index >= 0:
                self.target.setCurrentIndex(index)
        src = self.model.queue(self.model.row_of_staff(source)) if source is not None else None
        self.reassign_button.setEnabled(bool(src and src.open and self.target.count()))

    def _on_reassign_button_clicked(self) -> None:
        source, target = self.selected_staff_id(), self.target.currentData()
        if source is None or target is None:
            return
        q = self.model.queue(self.model.row_of_staff(source))
        answer = QMessageBox.question(
            self, self.tr("Reassign Follow-ups"),
            self.tr("Give all {count} open follow-ups of {source} to {target}?").format(
                count=q.open if q else 0, source=(q.display_name if q else ""), target=self.target.currentText()))
        if answer == QMessageBox.StandardButton.Yes:
            self.reassign(source, target)

    def reassign(self, source: int, target: int) -> list[int]:
        """Move every open follow-up of ``source`` to ``target``, then count the queues again."""
        from crm.services import followups

        try:
            moved = followups.reassign(self._actor, source, target)
        except CrmError as exc:
            show_error(self, exc, self.tr("Reassign Follow-ups"))
            return []
        self.sig_followups_reassigned.emit(source, target, len(moved))
        self._loaded = False
        self.refresh()
        return moved
