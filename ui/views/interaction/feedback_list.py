"""FeedbackList: the customer's feedback on products, processes, systems and service, one row per point.

Each row is a kind, an optional product (free text: the UI reads no product table) and what the customer
said. Rows left completely empty are ignored; the product, when given, is kept at the front of the text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget

from crm.codes import FeedbackKind
from ui.views.interaction import labels
from ui.widgets.field_message import FieldMessage


class FeedbackRow(QWidget):
    """Kind, product, text and a remove button; the message line under it shows the core's complaint."""

    sig_remove_requested = Signal(QWidget)
    _built = False  # LanguageChange can arrive before __init__ has made the widgets

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_combo = QComboBox(self)
        self.product_edit = QLineEdit(self)
        self.product_edit.setMaxLength(100)
        self.text_edit = QLineEdit(self)
        self.text_edit.setMaxLength(500)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(lambda: self.sig_remove_requested.emit(self))
        self.message = FieldMessage(self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(0)
        grid.addWidget(self.kind_combo, 0, 0)
        grid.addWidget(self.product_edit, 0, 1)
        grid.addWidget(self.text_edit, 0, 2)
        grid.addWidget(self.remove_button, 0, 3)
        grid.addWidget(self.message, 1, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 3)
        self.retranslateUi()
        self._built = True

    def retranslateUi(self) -> None:
        labels.fill_combo(self.kind_combo, labels.FEEDBACK_KINDS)
        self.kind_combo.setToolTip(self.tr("What the feedback is about"))
        self.product_edit.setPlaceholderText(self.tr("Product (optional)"))
        self.text_edit.setPlaceholderText(self.tr("What the customer said"))
        self.remove_button.setToolTip(self.tr("Remove this feedback"))
        self.remove_button.setAccessibleName(self.remove_button.toolTip())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    def is_empty(self) -> bool:
        return not (self.product_edit.text().strip() or self.text_edit.text().strip())

    def value(self) -> tuple[str, None, str]:
        kind = self.kind_combo.currentData() or FeedbackKind.PRODUCT
        product, text = self.product_edit.text().strip(), self.text_edit.text().strip()
        if product and text:
            text = f"{product}: {text}"
        return (str(kind), None, text)  # no text → the core answers "required" under this row


class FeedbackList(QWidget):
    """Rows added with ``add_row()``; ``values()`` and ``row_for(index)`` map the core's feedback[i] back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[FeedbackRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.setVisible(False)

    def add_row(self, kind: str | None = None) -> FeedbackRow:
        row = FeedbackRow(self)
        if kind:
            labels.select_code(row.kind_combo, kind)
        row.sig_remove_requested.connect(self._on_row_remove_requested)
        self.rows.append(row)
        self._layout.addWidget(row)
        self.setVisible(True)
        row.show()  # at once, not when the layout gets round to it: the focus goes there next
        row.kind_combo.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def clear(self) -> None:
        for row in list(self.rows):
            self._remove(row)

    def filled_rows(self) -> list[FeedbackRow]:
        return [row for row in self.rows if not row.is_empty()]

    def values(self) -> tuple[tuple[str, None, str], ...]:
        return tuple(row.value() for row in self.filled_rows())

    def row_for(self, index: int) -> FeedbackRow | None:
        """The row behind the core's ``feedback[index]``."""
        filled = self.filled_rows()
        return filled[index] if 0 <= index < len(filled) else None

    def clear_messages(self) -> None:
        for row in self.rows:
            row.message.clear_message()

    def _on_row_remove_requested(self, row: QWidget) -> None:
        index = self.rows.index(row)
        self._remove(row)
        if self.rows:  # keep the keyboard user in the list
            self.rows[min(index, len(self.rows) - 1)].text_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove(self, row: FeedbackRow) -> None:
        self.rows.remove(row)
        self._layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.setVisible(bool(self.rows))
