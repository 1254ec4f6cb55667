"""TemplatesDialog: find a standard answer (应答模板) as you type, preview it, insert or copy it.

Keyboard: type in the search box, Up/Down move through the titles, Enter inserts. Supervisors and
administrators also get Add, Edit and Deactivate; agents never see those buttons.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QSplitter, QTextBrowser,
                               QVBoxLayout, QWidget)

from crm.codes import Language
from crm.errors import CrmError
from crm.models import StaffUser
from crm.services import templates
from crm.services.templates import TemplateRow
from ui.interaction_messages import message_for
from ui.views.interaction import labels
from ui.widgets.ask import Confirm, RunDialog, ask_yes_no, exec_dialog
from ui.widgets.field_message import FieldMessage

log = logging.getLogger(__name__)
SEARCH_DELAY_MS = 150
ROW_ROLE = Qt.ItemDataRole.UserRole
_LIST_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


def can_edit(actor: StaffUser | None) -> bool:
    return actor is not None and actor.active and actor.role in templates.EDITOR_ROLES


class TemplatesDialog(QDialog):
    """``selected_text()`` is the chosen template's body with the known placeholders filled in."""

    _built = False  # LanguageChange can arrive before __init__ has made the widgets

    def __init__(self, actor: StaffUser, language: str, parent: QWidget | None = None, *,
                 values: Mapping[str, str] | None = None, run_dialog: RunDialog = exec_dialog,
                 confirm: Confirm = ask_yes_no) -> None:
        super().__init__(parent)
        self._actor = actor
        self._language = str(Language(language))
        self._values = dict(values or {})
        self._run_dialog = run_dialog
        self._confirm = confirm
        self._defaults_checked = False
        self._build_ui()
        self.retranslateUi()
        self.reload()
        self._built = True

    # --- construction ---------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)
        self._search_label = QLabel(self)
        self._search_label.setBuddy(self.search_edit)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.both_check = QCheckBox(self)
        self.both_check.toggled.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self._search_label)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.both_check)

        self.list = QListWidget(self)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.preview_title = QLabel(self)
        self.preview_title.setWordWrap(True)
        self.preview_title.setTextFormat(Qt.TextFormat.RichText)
        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.preview_title)
        right_layout.addWidget(self.preview, 1)
        self._splitter = QSplitter(self)
        self._splitter.addWidget(self.list)
        self._splitter.addWidget(right)
        self._splitter.setStretchFactor(0, 2)
        self._splitter.setStretchFactor(1, 3)
        self._splitter.setChildrenCollapsible(False)
        self.count_label = QLabel(self)
        self.message = FieldMessage(self)

        self.insert_button = QPushButton(self)
        self.insert_button.setDefault(True)
        self.insert_button.clicked.connect(self.accept)
        self.copy_button = QPushButton(self)
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.add_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.deactivate_button = QPushButton(self)
        editor = can_edit(self._actor)
        for button, slot in ((self.add_button, self.add_template), (self.edit_button, self.edit_template),
                             (self.deactivate_button, self.deactivate_template)):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            button.setVisible(editor)
        self._buttons = QDialogButtonBox(self)
        self._buttons.addButton(self.insert_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self._buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self._buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self._buttons.rejected.connect(self.reject)
        editing = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.deactivate_button):
            editing.addWidget(button)
        editing.addStretch(1)
        editing.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._splitter, 1)
        layout.addLayout(editing)
        layout.addWidget(self.message)
        layout.addWidget(self._buttons)
        self.resize(860, 560)
        self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Answer Templates"))
        self._search_label.setText(self.tr("&Search:"))
        self.search_edit.setPlaceholderText(self.tr("Words from the title, keywords or text"))
        self.both_check.setText(self.tr("Show &both languages"))
        self.insert_button.setText(self.tr("&Insert"))
        self.insert_button.setToolTip(self.tr("Insert the text into the call notes (Enter)"))
        self.copy_button.setText(self.tr("&Copy"))
        self.copy_button.setToolTip(self.tr("Copy the text to the clipboard, e.g. for a chat window"))
        self.add_button.setText(self.tr("&Add…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.deactivate_button.setText(self.tr("&Deactivate"))
        self.deactivate_button.setToolTip(self.tr("Hide this template from everyone's search"))
        self._show_count()
        self._show_preview(self.current_template())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up/Down/PageUp/PageDown in the search box move through the list: the hands stay on the keys.
        if (watched is self.search_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in _LIST_KEYS):
            QGuiApplication.sendEvent(self.list, event)
            return True
        return super().eventFilter(watched, event)

    # --- loading --------------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Search again; keeps the selection when the template is still listed."""
        self._search_timer.stop()
        keep = select_id if select_id is not None else self._current_id()
        try:
            rows = self._search()
            if not rows and not self.search_edit.text().strip() and not self._defaults_checked:
                self._defaults_checked = True  # a new database: load the shipped knowledge base once
                if templates.ensure_defaults(self._actor):
                    rows = self._search()
        except CrmError as exc:
            self.message.show_message(message_for(exc))
            rows = []
        self.list.blockSignals(True)
        self.list.clear()
        chosen = 0
        for index, row in enumerate(rows):
            item = QListWidgetItem(self._item_text(row), self.list)
            item.setData(ROW_ROLE, row)
            item.setToolTip(row.title)
            if row.id == keep:
                chosen = index
        self.list.blockSignals(False)
        if rows:
            self.list.setCurrentRow(chosen)
        self._on_list_current_item_changed(self.list.currentItem(), None)
        self._show_count()

    def _search(self) -> list[TemplateRow]:
        text = self.search_edit.text()
        rows = templates.search(text, language=self._language)
        if self.both_check.isChecked():
            other = next(lang for lang in Language if lang != self._language)
            rows += templates.search(text, language=str(other))
        return rows

    def _item_text(self, row: TemplateRow) -> str:
        if self.both_check.isChecked() and row.language != self._language:
            return f"[{labels.code_label(labels.LANGUAGES, row.language)}] {row.title}"
        return row.title

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("{count} found").format(count=self.list.count()))

    def current_template(self) -> TemplateRow | None:
        item = self.list.currentItem()
        return item.data(ROW_ROLE) if item is not None else None

    def _current_id(self) -> int | None:
        row = self.current_template()
        return row.id if row is not None else None

    def _on_list_current_item_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        row = current.data(ROW_ROLE) if current is not None else None
        self._show_preview(row)
        for button in (self.insert_button, self.copy_button, self.edit_button, self.deactivate_button):
            button.setEnabled(row is not None)

    def _show_preview(self, row: TemplateRow | None) -> None:
        if row is None:
            self.preview_title.setText("")
            self.preview.setHtml(f"<p style='color:#666'>{html.escape(self._empty_text())}</p>")
            return
        category = labels.code_label(labels.TEMPLATE_CATEGORIES, row.category)
        meta = " · ".join(part for part in (category, labels.code_label(labels.LANGUAGES, row.language)) if part)
        self.preview_title.setText(f"<b>{html.escape(row.title)}</b><br><span style='color:#666'>"
                                   f"{html.escape(meta)}</span>")
        self.preview.setHtml(_body_html(self.render(row)))

    def _empty_text(self) -> str:
        if self.search_edit.text().strip():
            return self.tr("No template contains these words.")
        return self.tr("There are no templates yet.")

    # --- results --------------------------------------------------------------------------------

    def render(self, row: TemplateRow) -> str:
        return templates.render(row.body, **self._values)

    def selected_text(self) -> str:
        row = self.current_template()
        return self.render(row) if row is not None else ""

    def accept(self) -> None:
        if self.current_template() is not None:
            super().accept()

    def copy_to_clipboard(self) -> None:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.message.clear_message()
            self.count_label.setText(self.tr("Copied to the clipboard."))

    # --- editing (supervisors and administrators) -----------------------------------------------

    def add_template(self) -> None:
        from ui.dialogs.template_edit_dialog import TemplateEditDialog

        dialog = TemplateEditDialog(self._actor, None, self._language, self)
        self._run_editor(dialog)

    def edit_template(self) -> None:
        from ui.dialogs.template_edit_dialog import TemplateEditDialog

        row = self.current_template()
        if row is None:
            return
        dialog = TemplateEditDialog(self._actor, row, self._language, self)
        self._run_editor(dialog)

    def _run_editor(self, dialog: QDialog) -> None:
        try:
            accepted = self._run_dialog(dialog)
            saved = dialog.saved_template()
        finally:
            dialog.deleteLater()
        if accepted and saved is not None:
            if saved.language != self._language and not self.both_check.isChecked():
                self.both_check.setChecked(True)  # show where the new template went
            self.reload(select_id=saved.id)

    def deactivate_template(self) -> None:
        row = self.current_template()
        if row is None or not self._confirm(self, self.tr("Deactivate Template"), self.tr(
                "Hide “{title}” from everyone's search? It stays in the history and can be restored by an "
                "administrator.").format(title=row.title)):
            return
        self.message.clear_message()
        try:
            templates.deactivate(self._actor, row.id, row.version)
        except CrmError as exc:
            self.message.show_message(message_for(exc))
        self.reload()


def _body_html(text: str) -> str:
    """The body as HTML with unfilled placeholders marked, so the agent sees what to say in their place."""
    parts, last = [], 0
    for match in templates.PLACEHOLDER.finditer(text):
        parts.append(html.escape(text[last:match.start()]))
        parts.append(f"<span style='background:#fff3c4'>{html.escape(match.group(0))}</span>")
        last = match.end()
    parts.append(html.escape(text[last:]))
    return "<div style='white-space: pre-wrap'>" + "".join(parts) + "</div>"
