"""SatisfactionPicker: one tap for a 1–5 score (Alt+1 … Alt+5); tapping the chosen score again clears it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QToolButton, QWidget

from ui.views.interaction import labels

STAR = "★"
# Low scores read red, high ones green, when chosen.
_CHECKED_COLORS = {1: "#b3261e", 2: "#c4511a", 3: "#7a6a00", 4: "#2e7d32", 5: "#1b5e20"}
_STYLE = """
QToolButton {{ border: 1px solid #a0a0a0; border-radius: 3px; padding: 2px 7px; background: palette(button); }}
QToolButton:hover {{ border-color: #606060; }}
QToolButton:focus {{ border: 2px solid palette(highlight); padding: 1px 6px; }}
QToolButton:checked {{ color: white; background: {color}; border-color: {color}; }}
"""


class SatisfactionPicker(QWidget):
    """Five checkable buttons '1★' … '5★' (the meaning in each tooltip); ``value()`` is the score or None."""

    _built = False  # LanguageChange can arrive before __init__ has made the widgets

    sig_changed = Signal(object)  # int | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)  # exclusive groups cannot be cleared by tapping again
        self.buttons: list[QToolButton] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for score in range(1, 6):
            button = QToolButton(self)
            button.setText(f"{score}{STAR}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            button.setStyleSheet(_STYLE.format(color=_CHECKED_COLORS[score]))
            self._group.addButton(button, score)
            self.buttons.append(button)
            layout.addWidget(button)
        layout.addStretch(1)
        self._group.idClicked.connect(self._on_group_id_clicked)
        # Alt+1 … Alt+5 anywhere in the window set the score at once. (A mnemonic would go through
        # animateClick, which releases the button ~100 ms later: a quick Ctrl+Enter saved without it.)
        self.shortcuts = []
        for score in range(1, 6):
            shortcut = QShortcut(QKeySequence(f"Alt+{score}"), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda score=score: self.set_value(None if self.value() == score else score))
            self.shortcuts.append(shortcut)
        self.retranslateUi()
        self._built = True

    def retranslateUi(self) -> None:
        for score, button in enumerate(self.buttons, start=1):
            name = labels.label(labels.SATISFACTION[score - 1])
            button.setToolTip(self.tr("{score} – {meaning} (Alt+{score})").format(score=score, meaning=name))
            button.setAccessibleName(self.tr("Satisfaction {score}: {meaning}").format(score=score, meaning=name))
        value = self.value()
        self.setToolTip(labels.label(labels.SATISFACTION[value - 1]) if value else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    def value(self) -> int | None:
        checked = self._group.checkedId()
        return checked if checked > 0 else None

    def set_value(self, value: int | None) -> None:
        if value == self.value():
            return
        for score, button in enumerate(self.buttons, start=1):
            button.setChecked(score == value)
        self._changed()

    def _on_group_id_clicked(self, score: int) -> None:
        # The clicked button has already toggled itself; uncheck the others.
        for other, button in enumerate(self.buttons, start=1):
            if other != score:
                button.setChecked(False)
        self._changed()

    def _changed(self) -> None:
        self.retranslateUi()
        self.sig_changed.emit(self.value())
