"""SearchBox: search-as-you-type over names, pinyin, phone digits and ID/card tails, with a short debounce."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 180  # long enough to skip intermediate keystrokes, short enough to feel immediate


class SearchBox(QLineEdit):
    """Emits ``sig_search_requested`` once typing pauses; Down moves to the results, Escape clears."""

    sig_search_requested = Signal(str)
    sig_move_to_results = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        # textChanged, not textEdited: the clear button and clear() must empty the results too.
        self.textChanged.connect(self._on_text_changed)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setPlaceholderText(self.tr("Name / pinyin / mobile / last 4–6 digits of ID or card"))
        self.setToolTip(self.tr("Find a customer as you type (Ctrl+F). Down arrow: go to the results; "
                                "Esc: clear"))

    def search_now(self) -> None:
        """Skip the rest of the debounce and search for the current text at once."""
        self._timer.stop()
        self.sig_search_requested.emit(self.text())

    def set_text_and_search(self, text: str) -> None:
        """Show ``text`` (e.g. a caller's number) and search for it immediately."""
        self.blockSignals(True)
        self.setText(text)
        self.blockSignals(False)
        self.search_now()

    def is_pending(self) -> bool:
        """True while a search waits for typing to pause."""
        return self._timer.isActive()

    def _on_text_changed(self, _text: str) -> None:
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self.sig_search_requested.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Down:
            if self._timer.isActive():  # results for what is typed, not for what was typed before
                self.search_now()
            self.sig_move_to_results.emit()
            return
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.search_now()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.search_now()
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
