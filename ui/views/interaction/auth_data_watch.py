"""AuthDataWatch: the live C3 check of a free-text box — highlight what looks like a PIN or code, and say so.

Authentication data (PINs, passwords, CVN, SMS codes, card expiry) is never stored anywhere in the CRM
(DOMAIN.md). While the agent types, the check runs ~300 ms after the last key; the suspicious spans get a
red background and the message under the box says what they look like. Saving asks ``check_now()``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from crm.identifiers import AuthDataHit, find_auth_data
from ui.interaction_messages import auth_data_message
from ui.widgets.field_message import ERROR_COLOR, FieldMessage

DEBOUNCE_MS = 300
HIGHLIGHT = QColor("#f9d6d3")


def _utf16_offsets(text: str) -> list[int]:
    """Python index → Qt document position (Qt counts UTF-16 units: an emoji takes two)."""
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + (2 if ord(char) > 0xFFFF else 1))
    return offsets


class AuthDataWatch(QObject):
    """Watches ``edit``; shows its findings in ``message`` and as highlights inside the edit."""

    sig_hits_changed = Signal(bool)  # True while the text contains something that looks like C3 data

    def __init__(self, edit: QPlainTextEdit, message: FieldMessage, delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(edit)
        self._edit = edit
        self._message = message
        self._hits: list[AuthDataHit] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.check_now)
        edit.textChanged.connect(self._timer.start)

    @property
    def hits(self) -> list[AuthDataHit]:
        return list(self._hits)

    def check_now(self) -> list[AuthDataHit]:
        """Check at once (Save calls this so a fast typist cannot beat the debounce)."""
        self._timer.stop()
        text = self._edit.toPlainText()
        hits = find_auth_data(text)
        had = bool(self._hits)
        self._hits = hits
        self._highlight(text, hits)
        self.retranslate()
        if had != bool(hits):
            self.sig_hits_changed.emit(bool(hits))
        return list(hits)

    def retranslate(self) -> None:
        self._message.show_message(auth_data_message(h.kind for h in self._hits) if self._hits else "")

    def select_first(self) -> None:
        """Put the cursor on the first suspicious span, selected, so Delete removes it."""
        if not self._hits:
            return
        offsets = _utf16_offsets(self._edit.toPlainText())
        cursor = self._edit.textCursor()
        cursor.setPosition(offsets[self._hits[0].start])
        cursor.setPosition(offsets[self._hits[0].end], QTextCursor.MoveMode.KeepAnchor)
        self._edit.setTextCursor(cursor)
        self._edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _highlight(self, text: str, hits: list[AuthDataHit]) -> None:
        offsets = _utf16_offsets(text)
        selections = []
        for hit in hits:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self._edit.document())
            cursor.setPosition(offsets[hit.start])
            cursor.setPosition(offsets[hit.end], QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(HIGHLIGHT)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(ERROR_COLOR)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self._edit.setExtraSelections(selections)
