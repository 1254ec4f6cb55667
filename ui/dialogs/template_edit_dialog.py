"""TemplateEditDialog: a supervisor adds or edits an answer template (title, text, language, category, keywords)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from crm.errors import ConflictError, CrmError, NotFound, ValidationError
from crm.models import StaffUser
from crm.services import templates
from crm.services.templates import MAX_CATEGORY, MAX_TITLE, TemplateRow
from ui.interaction_messages import message_for
from ui.views.interaction import labels
from ui.views.interaction.auth_data_watch import AuthDataWatch
from ui.widgets.field_message import FieldMessage


class TemplateEditDialog(QDialog):
    """``template=None`` adds one. On Save the core checks the fields; ``saved_template()`` is the result."""

    _built = False  # LanguageChange can arrive before __init__ has made the widgets

    def __init__(self, actor: StaffUser, template: TemplateRow | None, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._template = template
        self._saved: TemplateRow | None = None
        self._build_ui()
        self.retranslateUi()
        if template is not None:
            self._fill(template)
        else:
            labels.select_code(self.language_combo, language)
        self._built = True

    def _build_ui(self) -> None:
        self.title_edit = QLineEdit(self)
        self.title_edit.setMaxLength(MAX_TITLE)
        self.language_combo = QComboBox(self)
        self.category_combo = QComboBox(self)
        self.category_combo.setEditable(True)  # a supervisor may start a new category
        self.category_combo.lineEdit().setMaxLength(MAX_CATEGORY)
        self.keywords_edit = QLineEdit(self)
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.setMinimumHeight(self.body_edit.fontMetrics().lineSpacing() * 10 + 12)
        self.messages = {name: FieldMessage(self) for name in ("title", "language", "category", "keywords", "body")}
        self._body_watch = AuthDataWatch(self.body_edit, self.messages["body"])
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.error_message = FieldMessage(self)
        self._labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, field in (("title", self.title_edit), ("language", self.language_combo),
                            ("category", self.category_combo), ("keywords", self.keywords_edit),
                            ("body", self.body_edit)):
            label = QLabel(self)
            label.setBuddy(field)
            self._labels[name] = label
            form.addRow(label, field)
            form.addRow("", self.messages[name])
        form.addRow("", self.hint_label)
        self._buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self)
        self.save_button.setDefault(True)
        self._buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.error_message)
        layout.addWidget(self._buttons)
        self.resize(640, 520)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Add Answer Template") if self._template is None
                            else self.tr("Edit Answer Template"))
        for name, text in (("title", self.tr("&Title:")), ("language", self.tr("&Language:")),
                           ("category", self.tr("&Category:")), ("keywords", self.tr("&Keywords:")),
                           ("body", self.tr("Te&xt:"))):
            self._labels[name].setText(text)
        labels.fill_combo(self.language_combo, labels.LANGUAGES)
        typed = self.category_combo.currentText()
        code = self.category_combo.currentData() if self.category_combo.currentIndex() >= 0 else None
        self.category_combo.clear()
        for known, text in labels.TEMPLATE_CATEGORIES:
            self.category_combo.addItem(labels.label(text), known)
        self._set_category(code or typed)
        self.keywords_edit.setPlaceholderText(self.tr("Words agents may search for, separated by spaces"))
        self.hint_label.setText(self.tr(
            "Placeholders in braces are filled in when the template is inserted, e.g. {客户称呼} or "
            "{customer}; any other is left for the agent to replace."))
        self.save_button.setText(self.tr("&Save"))
        self._body_watch.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    def _set_category(self, code: str) -> None:
        index = self.category_combo.findData(code) if code else -1
        if index >= 0:
            self.category_combo.setCurrentIndex(index)
        else:
            self.category_combo.setCurrentIndex(-1)
            self.category_combo.setEditText(code or "")

    def category_code(self) -> str:
        """The known code when a listed category is shown, else the text typed."""
        text = self.category_combo.currentText().strip()
        index = self.category_combo.currentIndex()
        if index >= 0 and self.category_combo.itemText(index) == text:
            return str(self.category_combo.itemData(index))
        return text

    def _fill(self, row: TemplateRow) -> None:
        self.title_edit.setText(row.title)
        labels.select_code(self.language_combo, row.language)
        self._set_category(row.category)
        self.keywords_edit.setText(" ".join(row.keywords))
        self.body_edit.setPlainText(row.body)

    def saved_template(self) -> TemplateRow | None:
        return self._saved

    def values(self) -> dict[str, str]:
        return {"title": self.title_edit.text(), "body": self.body_edit.toPlainText(),
                "language": self.language_combo.currentData(), "category": self.category_code(),
                "keywords": self.keywords_edit.text()}

    def accept(self) -> None:
        for message in (*self.messages.values(), self.error_message):
            message.clear_message()
        if self._body_watch.check_now():
            self._body_watch.select_first()
            return
        values = self.values()
        try:
            if self._template is None:
                self._saved = templates.create(self._actor, **values)
            else:
                before = self._template
                old = {"title": before.title, "body": before.body, "language": before.language,
                       "category": before.category, "keywords": " ".join(before.keywords)}
                changes = {k: v for k, v in values.items() if v != old[k]}
                self._saved = (templates.update(self._actor, before.id, before.version, **changes)
                               if changes else before)
        except ValidationError as exc:
            self._show_error(exc)
            return
        except ConflictError:
            self._reload_after_conflict()
            return
        except NotFound as exc:
            self.error_message.show_message(message_for(exc))
            return
        except CrmError as exc:
            self.error_message.show_message(message_for(exc))
            return
        super().accept()

    def _reload_after_conflict(self) -> None:
        """Someone saved first: show their version; the supervisor makes the change again on top of it."""
        assert self._template is not None
        try:
            self._template = templates.get(self._template.id)
        except CrmError as exc:
            self.error_message.show_message(message_for(exc))
            return
        self._fill(self._template)
        self.error_message.show_message(self.tr(
            "Someone else changed this template while you were editing it. Their version is shown now: "
            "make your change again and save."))

    def _show_error(self, error: ValidationError) -> None:
        field = str(error.details.get("field", ""))
        message = self.messages.get(field, self.error_message)
        message.show_message(message_for(error))
        widget = {"title": self.title_edit, "language": self.language_combo, "category": self.category_combo,
                  "keywords": self.keywords_edit, "body": self.body_edit}.get(field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
