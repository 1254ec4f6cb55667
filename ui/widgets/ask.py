"""The two questions a screen asks through a replaceable function (tests answer them instead of a person):
a yes/no confirmation and running a dialog to its end."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

Confirm = Callable[[QWidget, str, str], bool]  # (parent, title, question) -> yes
RunDialog = Callable[[QDialog], bool]  # the dialog was accepted


def ask_yes_no(parent: QWidget, title: str, question: str) -> bool:
    """Yes / No, Yes the default button."""
    answer = QMessageBox.question(parent, title, question, QMessageBox.StandardButton.Yes
                                  | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def exec_dialog(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted
