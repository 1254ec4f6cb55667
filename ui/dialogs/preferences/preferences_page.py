"""PreferencesPage: the contract every Preferences page follows."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget


class PreferencesPage(QWidget):
    """A page reads its options in load(), writes them in save(), and undoes live previews in revert().

    Subclasses build their widgets in __init__, set their texts in retranslateUi() and return their
    (translated) name from title(); the dialog calls load() once before showing the page.
    """

    def title(self) -> str:
        raise NotImplementedError

    def load(self) -> None:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        """Called on Cancel; pages that preview changes live undo them here."""

    def retranslateUi(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
