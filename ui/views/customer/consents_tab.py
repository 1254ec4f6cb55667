"""ConsentsTab: the customer's current choice per purpose and channel, and recording a new one with its source."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm import identifiers
from crm.codes import ConsentChannel, ConsentPurpose
from crm.errors import CrmError, ValidationError
from crm.models import StaffUser
from crm.services import customer_detail
from crm.services.customer_detail import ConsentRow, CustomerDetail
from ui.customer_messages import code_choices, code_label, error_message
from ui.formats import format_instant
from ui.widgets.field_message import FieldMessage

log = logging.getLogger(__name__)

PURPOSES = tuple(p.value for p in ConsentPurpose)
CHANNELS = tuple(c.value for c in ConsentChannel)
GRANTED_BRUSH = QBrush(QColor("#dcf1df"))
REFUSED_BRUSH = QBrush(QColor("#fbdcd9"))
GRANTED_TEXT = QBrush(QColor("#1d6b2c"))
REFUSED_TEXT = QBrush(QColor("#9c1c13"))


class ConsentsTab(QWidget):
    """Rows are channels, columns purposes; a cell is granted, refused or never asked.

    Channels run down the side because there are more of them and their names are longer: three
    purpose columns leave every cell room for its full state even in the narrow pane beside the call form.
    """

    sig_changed = Signal(int)  # customer id, after a choice was recorded

    def __init__(self, actor: StaffUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._detail: CustomerDetail | None = None
        self._build_ui()
        self.retranslateUi()

    def _build_ui(self) -> None:
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.grid = QTableWidget(len(CHANNELS), len(PURPOSES), self)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # see _size_columns
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid.viewport().installEventFilter(self)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid.verticalHeader().setDefaultSectionSize(34)
        self.grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.currentCellChanged.connect(self._on_cell_selected)

        self.record_box = QGroupBox(self)
        self.purpose_combo, self.channel_combo = QComboBox(self), QComboBox(self)
        self.source_combo = QComboBox(self)
        self.granted_radio, self.refused_radio = QRadioButton(self), QRadioButton(self)
        self._choice_group = QButtonGroup(self)
        self._choice_group.addButton(self.granted_radio)
        self._choice_group.addButton(self.refused_radio)
        self.granted_radio.setChecked(True)
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(500)
        self.record_button = QPushButton(self)
        self.record_button.clicked.connect(self.record)
        self.message = FieldMessage(self)
        self.status = QLabel(self)
        what = QHBoxLayout()
        what.addWidget(self.purpose_combo, 1)
        what.addWidget(self.channel_combo, 1)
        choice = QHBoxLayout()
        choice.addWidget(self.granted_radio)
        choice.addWidget(self.refused_radio)
        choice.addStretch(1)
        self._labels = [QLabel(self) for _ in range(4)]
        form = QFormLayout(self.record_box)
        form.addRow(self._labels[0], what)
        form.addRow(self._labels[1], choice)
        form.addRow(self._labels[2], self.source_combo)
        form.addRow(self._labels[3], self.note_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.record_button)
        form.addRow(self.message)
        form.addRow(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.grid)
        layout.addWidget(self.record_box)
        layout.addStretch(1)

    def retranslateUi(self) -> None:
        self.hint.setText(self.tr(
            "Marketing contact needs the customer's consent for that channel. A refused channel must not be "
            "used for marketing again. Hover over a cell to see where the choice came from."))
        self.grid.setHorizontalHeaderLabels([code_label("consent_purpose", p) for p in PURPOSES])
        self.grid.setVerticalHeaderLabels([code_label("consent_channel", c) for c in CHANNELS])
        self.record_box.setTitle(self.tr("Record the customer's choice"))
        for label, text in zip(self._labels, (self.tr("Purpose / channel"), self.tr("Choice"),
                                              self.tr("&Source"), self.tr("&Note"))):
            label.setText(text)
        self._labels[2].setBuddy(self.source_combo)
        self._labels[3].setBuddy(self.note_edit)
        self.granted_radio.setText(self.tr("&Granted"))
        self.refused_radio.setText(self.tr("Re&fused"))
        self.note_edit.setPlaceholderText(self.tr("Optional, e.g. form number or what the customer said"))
        self.record_button.setText(self.tr("&Record"))
        for combo, kind in ((self.purpose_combo, "consent_purpose"), (self.channel_combo, "consent_channel"),
                            (self.source_combo, "consent_source")):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for code, text in code_choices(kind):
                combo.addItem(text, code)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self._show_grid()

    def set_detail(self, detail: CustomerDetail | None) -> None:
        if detail is None or self._detail is None or detail.id != self._detail.id:
            self.note_edit.clear()
            self.message.clear_message()
            self.status.clear()
        self._detail = detail
        self.setEnabled(detail is not None)
        self._show_grid()

    def _current(self) -> dict[tuple[str, str], ConsentRow]:
        return {(c.purpose, c.channel): c for c in (self._detail.consents if self._detail else ())}

    def cell_state(self, purpose: str, channel: str) -> str:
        """granted, refused or not_asked: what the grid shows for one cell."""
        row = self._current().get((purpose, channel))
        return "not_asked" if row is None else ("granted" if row.granted else "refused")

    def _show_grid(self) -> None:
        current = self._current()
        for c, purpose in enumerate(PURPOSES):
            for r, channel in enumerate(CHANNELS):
                row = current.get((purpose, channel))
                item = QTableWidgetItem()
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setData(Qt.ItemDataRole.UserRole, (purpose, channel))
                if row is None:
                    item.setText(self.tr("Not asked"))
                    item.setForeground(QBrush(self.palette().color(self.palette().ColorRole.PlaceholderText)))
                    item.setToolTip(self.tr("{purpose} by {channel}: never asked").format(
                        purpose=code_label("consent_purpose", purpose),
                        channel=code_label("consent_channel", channel)))
                else:
                    item.setText(self.tr("✓ Granted") if row.granted else self.tr("✗ Refused"))
                    item.setBackground(GRANTED_BRUSH if row.granted else REFUSED_BRUSH)
                    item.setForeground(GRANTED_TEXT if row.granted else REFUSED_TEXT)
                    item.setToolTip(self.tr("{purpose} by {channel}: {choice}\nSource: {source}\n"
                                            "Recorded: {when}").format(
                        purpose=code_label("consent_purpose", purpose),
                        channel=code_label("consent_channel", channel),
                        choice=self.tr("granted") if row.granted else self.tr("refused"),
                        source=code_label("consent_source", row.source), when=format_instant(row.recorded_at)))
                self.grid.setItem(r, c, item)
        self._fit_grid()

    def _fit_grid(self) -> None:
        """No scrolling and no elided cell: a refusal that reads "✗ Ref…" could be taken for consent."""
        grid = self.grid
        frame = 2 * grid.frameWidth()
        rows = sum(grid.rowHeight(r) for r in range(len(CHANNELS)))
        grid.setFixedHeight(frame + grid.horizontalHeader().sizeHint().height() + rows)
        grid.setMinimumWidth(frame + grid.verticalHeader().sizeHint().width() + sum(self._column_needs()))
        self._size_columns()

    def _column_needs(self) -> list[int]:
        header = self.grid.horizontalHeader()
        return [max(header.sectionSizeHint(c), self.grid.sizeHintForColumn(c)) for c in range(len(PURPOSES))]

    def _size_columns(self) -> None:
        """Each column as wide as its longest text, and the room left over shared out equally.

        Stretch mode would make the columns equal, cutting "Service notices" while "Marketing" has room.
        """
        needs = self._column_needs()
        spare = max(0, self.grid.viewport().width() - sum(needs)) // len(needs)
        for column, need in enumerate(needs):
            self.grid.setColumnWidth(column, need + spare)

    def _on_cell_selected(self, row: int, column: int, *_previous: int) -> None:
        if row < 0 or column < 0:
            return
        self.purpose_combo.setCurrentIndex(self.purpose_combo.findData(PURPOSES[column]))
        self.channel_combo.setCurrentIndex(self.channel_combo.findData(CHANNELS[row]))
        # Offer the opposite of what is recorded: the usual reason to click a cell is to change it.
        state = self.cell_state(PURPOSES[column], CHANNELS[row])
        (self.refused_radio if state == "granted" else self.granted_radio).setChecked(True)

    def record(self) -> bool:
        if self._detail is None:
            return False
        self.message.clear_message()
        note = self.note_edit.text().strip()
        if identifiers.find_auth_data(note):
            self.message.show_message(error_message(ValidationError("auth_data_in_notes", field="note"),
                                                    where=False))
            return False
        purpose, channel = self.purpose_combo.currentData(), self.channel_combo.currentData()
        granted = self.granted_radio.isChecked()
        try:
            customer_detail.record_consent(self._actor, self._detail.id, purpose, channel, granted,
                                           self.source_combo.currentData(), note=note)
        except CrmError as exc:
            self.message.show_message(error_message(exc))
            return False
        self.note_edit.clear()
        self.status.setText(self.tr("Recorded: {purpose} by {channel} {choice}").format(
            purpose=code_label("consent_purpose", purpose), channel=code_label("consent_channel", channel),
            choice=self.tr("granted") if granted else self.tr("refused")))
        self.sig_changed.emit(self._detail.id)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.grid.viewport() and event.type() == QEvent.Type.Resize:
            self._size_columns()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
