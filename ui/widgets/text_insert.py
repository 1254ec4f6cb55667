"""Inserting a template's text into an editor, ready to type over its first unfilled placeholder."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from crm.services.templates import PLACEHOLDER


def insert_selecting_placeholder(edit: QPlainTextEdit, text: str) -> None:
    """Insert ``text`` at the cursor (over the selection); the first placeholder left unfilled ({客户称呼}) ends
    up selected, so the agent types over it; the editor takes the focus."""
    cursor = edit.textCursor()
    start = cursor.selectionStart()
    cursor.insertText(text)
    placeholder = PLACEHOLDER.search(text)
    if placeholder:  # Qt counts UTF-16 code units
        cursor.setPosition(start + _utf16_len(text[:placeholder.start()]))
        cursor.setPosition(start + _utf16_len(text[:placeholder.end()]), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    edit.setFocus(Qt.FocusReason.OtherFocusReason)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
