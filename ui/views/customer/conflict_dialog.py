"""ConflictDialog: someone saved the customer while I was editing — compare field by field, then choose."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.views.customer.profile_fields import FIELDS, display_value, field_label

CONFLICT_BRUSH = QBrush(QColor("#fdebc8"))
COL_FIELD, COL_OPENED, COL_THEIRS, COL_MINE = range(4)

RELOAD = "reload"
APPLY = "apply"


class ConflictDialog(QDialog):
    """Nothing is written by this dialog: it only returns the agent's explicit choice.

    ``choice()`` is RELOAD (discard my edits, show theirs), APPLY (save the ticked fields of mine on top of
    their version) or None (cancel: keep editing). A field both of us changed to different values starts
    unticked, so their change is never overwritten without the agent ticking it.
    """

    def __init__(self, base: dict[str, Any], theirs: dict[str, Any], mine: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mine = mine
        self._choice: str | None = None
        self.rows = [f for f in FIELDS if mine[f] != base[f] or theirs[f] != base[f]]
        self._mine_changed = {f for f in self.rows if mine[f] != base[f]}
        self.conflicts = {f for f in self._mine_changed if theirs[f] != base[f] and theirs[f] != mine[f]}

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(len(self.rows), 4, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_FIELD, QHeaderView.ResizeMode.ResizeToContents)
        for row, field in enumerate(self.rows):
            self._fill_row(row, field, base, theirs, mine)
        self.buttons = QDialogButtonBox(self)
        self.reload_button = QPushButton(self)
        self.apply_button = QPushButton(self)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.reload_button.clicked.connect(lambda: self._finish(RELOAD))
        self.apply_button.clicked.connect(lambda: self._finish(APPLY))
        self.cancel_button.clicked.connect(self.reject)
        self.apply_button.setAutoDefault(False)
        self.reload_button.setAutoDefault(False)
        self.table.itemChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.retranslateUi()
        self._update_buttons()
        self.resize(760, 120 + 34 * max(3, len(self.rows)))

    def _fill_row(self, row: int, field: str, base: dict, theirs: dict, mine: dict) -> None:
        name = QTableWidgetItem(field_label(field))
        self.table.setItem(row, COL_FIELD, name)
        for column, source in ((COL_OPENED, base), (COL_THEIRS, theirs), (COL_MINE, mine)):
            item = QTableWidgetItem(display_value(field, source[field]))
            item.setToolTip(str(source[field]) if field == "notes" else item.text())
            self.table.setItem(row, column, item)
        mine_item = self.table.item(row, COL_MINE)
        if field in self._mine_changed:
            mine_item.setFlags(mine_item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            mine_item.setCheckState(Qt.CheckState.Unchecked if field in self.conflicts
                                    else Qt.CheckState.Checked)
        else:
            mine_item.setText(self.tr("(not changed by you)"))
            mine_item.setToolTip("")
            mine_item.setFlags(mine_item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        if field in self.conflicts:
            for column in range(4):
                self.table.item(row, column).setBackground(CONFLICT_BRUSH)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Someone else changed this customer"))
        self.intro.setText(self.tr(
            "While you were editing, another user saved this customer. Compare the values below. "
            "Highlighted rows were changed by both of you: tick yours only if it should replace theirs."))
        self.table.setHorizontalHeaderLabels([
            self.tr("Field"), self.tr("When you opened it"), self.tr("Saved by the other user"),
            self.tr("Your change (tick to apply)")])
        self.reload_button.setText(self.tr("&Discard mine and show theirs"))
        self.apply_button.setText(self.tr("&Apply ticked changes on top of theirs"))

    def selected_fields(self) -> list[str]:
        """My changed fields that are ticked, in form order."""
        return [field for row, field in enumerate(self.rows)
                if field in self._mine_changed
                and self.table.item(row, COL_MINE).checkState() == Qt.CheckState.Checked]

    def set_selected(self, field: str, selected: bool) -> None:
        row = self.rows.index(field)
        self.table.item(row, COL_MINE).setCheckState(
            Qt.CheckState.Checked if selected else Qt.CheckState.Unchecked)

    def choice(self) -> str | None:
        return self._choice

    def _update_buttons(self) -> None:
        self.apply_button.setEnabled(bool(self.selected_fields()))

    def _finish(self, choice: str) -> None:
        self._choice = choice
        self.accept()
