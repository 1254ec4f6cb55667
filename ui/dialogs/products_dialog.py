"""ProductsDialog: the product catalogue (产品目录). Everyone may look; administrators edit a product or load an
edited catalogue file (Tools → Product Catalogue…)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDir, QEvent, QItemSelectionModel, QModelIndex, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from crm.codes import StaffRole
from crm.errors import ConflictError, CrmError, NotFound, PermissionDenied, ValidationError
from crm.models import StaffUser
from crm.services import products
from crm.services.products import ProductRow
from ui import sales_labels
from ui.errors import error_message
from ui.models.product_table_model import COL_NAME_EN, COL_NAME_ZH, ProductTableModel
from ui.widgets.ask import Confirm, ask_yes_no
from ui.widgets.field_message import FieldMessage

log = logging.getLogger(__name__)

ChooseFile = Callable[[QWidget], str]
_FORM_FIELDS = ("name_zh", "name_en", "category", "risk_level", "dual_recording", "active")


def can_edit(actor: StaffUser | None) -> bool:
    return actor is not None and bool(actor.active) and actor.role == StaffRole.ADMIN


class ProductsDialog(QDialog):
    """``sig_catalogue_changed`` after a product was saved or a file changed at least one product."""

    sig_catalogue_changed = Signal()
    _built = False  # LanguageChange can arrive before __init__ has made the widgets

    def __init__(self, actor: StaffUser | None, parent: QWidget | None = None, *,
                 choose_file: ChooseFile | None = None, confirm: Confirm = ask_yes_no) -> None:
        super().__init__(parent)
        self._actor = actor
        self._editor = can_edit(actor)
        self._choose_file = choose_file or self._ask_for_file
        self._confirm = confirm
        self._current: ProductRow | None = None
        self._loading = False  # filling the form or the table: not the user's doing
        self._build_ui()
        self.retranslateUi()
        self.reload()
        self._built = True

    # --- construction ---------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.model = ProductTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # one line per product: long English names are elided, the tooltip has them
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # the service's order (category, code) until a header is clicked
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME_ZH, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_NAME_EN, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.readonly_label = QLabel(self)
        self.readonly_label.setWordWrap(True)
        self.readonly_label.setVisible(not self._editor)

        self.edit_group = QGroupBox(self)
        self._build_form(self.edit_group)
        self.edit_group.setVisible(self._editor)
        splitter = QSplitter(self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.edit_group)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.load_button = QPushButton(self)
        self.load_button.setAutoDefault(False)
        self.load_button.clicked.connect(self.load_catalogue_file)
        self.load_button.setVisible(self._editor)
        self.count_label = QLabel(self)
        self.load_status = QLabel(self)
        self.load_status.setWordWrap(True)
        self.load_error = FieldMessage(self)
        self.load_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom = QHBoxLayout()
        bottom.addWidget(self.load_button)
        bottom.addWidget(self.load_status, 1)
        bottom.addWidget(self.count_label)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.readonly_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.load_error)
        layout.addWidget(self._buttons)
        self.resize(1180, 640)

    def _build_form(self, group: QGroupBox) -> None:
        self.code_value = QLabel(group)
        self.code_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_zh_edit = QLineEdit(group)
        self.name_en_edit = QLineEdit(group)
        for edit in (self.name_zh_edit, self.name_en_edit):
            edit.setMaxLength(products.MAX_NAME)
            edit.textChanged.connect(self._on_form_edited)
        self.category_combo = QComboBox(group)
        for code, label in sales_labels.ordered(sales_labels.CATEGORIES):
            self.category_combo.addItem(label, code)
        self.risk_combo = QComboBox(group)
        for level in range(1, 6):
            self.risk_combo.addItem("", level)
        for combo in (self.category_combo, self.risk_combo):
            combo.currentIndexChanged.connect(self._on_form_edited)
        self.dual_check = QCheckBox(group)
        self.active_check = QCheckBox(group)
        for check in (self.dual_check, self.active_check):
            check.toggled.connect(self._on_form_edited)
        self.field_messages = {name: FieldMessage(group) for name in _FORM_FIELDS}
        self._field_widgets: dict[str, QWidget] = {
            "name_zh": self.name_zh_edit, "name_en": self.name_en_edit, "category": self.category_combo,
            "risk_level": self.risk_combo, "dual_recording": self.dual_check, "active": self.active_check}
        self._form = QFormLayout()
        self._form_labels: dict[str, QLabel] = {}
        self._code_label = QLabel(group)
        self._form.addRow(self._code_label, self.code_value)
        for name in _FORM_FIELDS:
            widget = self._field_widgets[name]
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(widget)
            cell.addWidget(self.field_messages[name])
            if isinstance(widget, QCheckBox):
                self._form.addRow(cell)
            else:
                label = QLabel(group)
                label.setBuddy(widget)
                self._form_labels[name] = label
                self._form.addRow(label, cell)
        self.form_message = FieldMessage(group)
        self.saved_label = QLabel(group)
        self.saved_label.setWordWrap(True)
        self.save_button = QPushButton(group)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(group)
        self.revert_button.setAutoDefault(False)
        self.revert_button.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        self.audit_note = QLabel(group)
        self.audit_note.setWordWrap(True)
        self.audit_note.setEnabled(False)  # greyed: a hint, not content
        box = QVBoxLayout(group)
        box.addLayout(self._form)
        box.addWidget(self.form_message)
        box.addWidget(self.saved_label)
        box.addLayout(buttons)
        box.addStretch(1)
        box.addWidget(self.audit_note)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Product Catalogue"))
        self.readonly_label.setText(self.tr("Only administrators can edit the product catalogue."))
        self.edit_group.setTitle(self.tr("Selected product"))
        self._code_label.setText(self.tr("Code:"))
        self._form_labels["name_zh"].setText(self.tr("&Chinese name:"))
        self._form_labels["name_en"].setText(self.tr("&English name:"))
        self._form_labels["category"].setText(self.tr("C&ategory:"))
        self._form_labels["risk_level"].setText(self.tr("&Risk level:"))
        risks = (self.tr("R1 · low risk"), self.tr("R2 · medium-low risk"), self.tr("R3 · medium risk"),
                 self.tr("R4 · medium-high risk"), self.tr("R5 · high risk"))
        for index, text in enumerate(risks):
            self.risk_combo.setItemText(index, text)
        for index in range(self.category_combo.count()):
            self.category_combo.setItemText(index, sales_labels.category_label(self.category_combo.itemData(index)))
        self.dual_check.setText(self.tr("&Dual recording (双录) required at sale"))
        self.active_check.setText(self.tr("&On sale (new leads allowed)"))
        self.active_check.setToolTip(self.tr("Clear this to retire a product: old leads keep it, new leads for "
                                             "it are blocked. Products are never deleted."))
        self.save_button.setText(self.tr("&Save"))
        self.revert_button.setText(self.tr("&Undo Changes"))
        self.audit_note.setText(self.tr("Every change is recorded in the audit log. The code cannot be "
                                        "changed: leads and detection rules refer to it."))
        self.load_button.setText(self.tr("&Load Catalogue File…"))
        self.load_button.setToolTip(self.tr("Add and update products from an edited copy of products.toml; "
                                            "products missing from the file are left as they are"))
        self.model.retranslate()
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    # --- the table ------------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Read the whole catalogue again and show ``select_id`` (else the product shown now, else the first)."""
        keep = select_id if select_id is not None else (self._current.id if self._current else None)
        try:
            rows = products.list_products(active_only=False)
        except CrmError as exc:
            log.warning("product catalogue unreadable: %s", exc)
            self.form_message.show_message(error_message(exc))
            rows = []
        self._loading = True
        try:
            self.model.set_rows(rows)
            row = self.model.row_of(keep) if keep is not None else -1
            row = row if row >= 0 else (0 if rows else -1)
            if row >= 0:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(self.model.index(row, 0))
        finally:
            self._loading = False
        self._show_product(self.model.product(row))
        self._show_count()

    def _show_count(self) -> None:
        rows = [self.model.product(i) for i in range(self.model.rowCount())]
        on_sale = sum(1 for r in rows if r is not None and r.active)
        self.count_label.setText(self.tr("{count} products, {active} on sale").format(count=len(rows),
                                                                                       active=on_sale))

    def current_product(self) -> ProductRow | None:
        return self._current

    def select_product(self, product_id: int) -> None:
        row = self.model.row_of(product_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.table.currentIndex())

    def _on_table_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._loading:
            return
        row = self.model.product(current.row()) if current.isValid() else None
        if row is not None and self._current is not None and row.id == self._current.id:
            return  # a sort moved the row
        if self.is_dirty() and not self._confirm_discard():
            self._loading = True
            try:  # stay on the product being edited
                back = self.model.row_of(self._current.id)
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(back, current.column()), QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
            finally:
                self._loading = False
            return
        self._show_product(row)

    def _confirm_discard(self) -> bool:
        code = self._current.code if self._current else ""
        return self._confirm(self, self.tr("Unsaved Changes"), self.tr(
            "Discard your changes to product {code}?").format(code=code))

    # --- the form -------------------------------------------------------------------------------

    def _show_product(self, row: ProductRow | None) -> None:
        self._current = row
        self._loading = True
        try:
            self.code_value.setText(row.code if row else "")
            self.name_zh_edit.setText(row.name_zh if row else "")
            self.name_en_edit.setText(row.name_en if row else "")
            self._set_combo(self.category_combo, row.category if row else None)
            self._set_combo(self.risk_combo, row.risk_level if row else None)
            self.dual_check.setChecked(bool(row and row.dual_recording))
            self.active_check.setChecked(bool(row and row.active))
        finally:
            self._loading = False
        self._clear_messages()
        for widget in self._field_widgets.values():
            widget.setEnabled(row is not None and self._editor)
        self._update_buttons()

    @staticmethod
    def _set_combo(combo: QComboBox, value: object) -> None:
        index = combo.findData(value) if value is not None else -1
        if index < 0 and value is not None:  # a code this version has no label for: show it as it is
            combo.addItem(str(value), value)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def changes(self) -> dict[str, object]:
        """The form's values that differ from the product as it was read."""
        row = self._current
        if row is None:
            return {}
        values = {"name_zh": self.name_zh_edit.text().strip(), "name_en": self.name_en_edit.text().strip(),
                  "category": self.category_combo.currentData(), "risk_level": self.risk_combo.currentData(),
                  "dual_recording": self.dual_check.isChecked(), "active": self.active_check.isChecked()}
        return {key: value for key, value in values.items() if value != getattr(row, key)}

    def is_dirty(self) -> bool:
        return self._editor and bool(self.changes())

    def _on_form_edited(self, *_args: object) -> None:
        if not self._loading:
            self.saved_label.clear()
            self._update_buttons()

    def _update_buttons(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def _clear_messages(self) -> None:
        for message in self.field_messages.values():
            message.clear_message()
        self.form_message.clear_message()
        self.saved_label.clear()

    def revert(self) -> None:
        self._show_product(self._current)

    def save(self) -> None:
        row, changes = self._current, self.changes()
        if row is None or not changes:
            return
        self._clear_messages()
        try:
            products.update_product(self._actor, row.id, row.version, **changes)
        except ValidationError as exc:
            self._show_validation_error(exc)
            return
        except ConflictError:
            self.reload(select_id=row.id)
            self.form_message.show_message(self.tr(
                "Someone else changed this product after you opened it. Its current values are shown now: "
                "make your change again if it is still needed."))
            return
        except NotFound:
            self.reload()
            self.form_message.show_message(self.tr("This product no longer exists."))
            return
        except PermissionDenied:
            self.form_message.show_message(self.tr("Only administrators can edit the product catalogue."))
            return
        except CrmError as exc:
            self.form_message.show_message(error_message(exc))
            return
        self.reload(select_id=row.id)
        self.saved_label.setText(self.tr("Saved product {code}.").format(code=row.code))
        self.sig_catalogue_changed.emit()

    def _show_validation_error(self, error: ValidationError) -> None:
        field = str(error.details.get("field") or "")
        text = self.reason_text(error.code, error.details, in_file=False)
        if field in self.field_messages:
            self.field_messages[field].show_message(text)
            self._field_widgets[field].setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.form_message.show_message(text)

    def reject(self) -> None:
        if self.is_dirty() and not self._confirm_discard():
            return
        super().reject()

    # --- loading a catalogue file ---------------------------------------------------------------

    def load_catalogue_file(self) -> None:
        if not self._editor:
            return
        if self.is_dirty() and not self._confirm_discard():
            return
        path = self._choose_file(self)
        if not path:
            return
        self.load_status.clear()
        self.load_error.clear_message()
        try:
            count = products.sync_catalogue(self._actor, Path(path))
        except ValidationError as exc:
            self.load_error.show_message(self.file_error_text(exc))
            return
        except CrmError as exc:
            self.load_error.show_message(error_message(exc))
            return
        name = Path(path).name
        if count:
            text = self.tr("Products added or changed from {file}: {count}").format(file=name, count=count)
        else:
            text = self.tr("{file} matches the catalogue: nothing was changed.").format(file=name)
        self.load_status.setText(text)
        self.reload()
        if count:
            self.sig_catalogue_changed.emit()

    def _ask_for_file(self, _parent: QWidget) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load Catalogue File"), folder,
                                              self.tr("Product catalogues (*.toml);;All files (*)"))
        return path

    def file_error_text(self, error: ValidationError) -> str:
        """What is wrong with a catalogue file, where (file, line, product, key), and that nothing changed."""
        details = error.details
        if error.code != "bad_catalogue":
            return self.reason_text(error.code, details, in_file=True)
        lines = [self.tr("The catalogue file was not loaded; nothing was changed.")]
        if details.get("file"):
            lines.append(self.tr("File: {file}").format(file=QDir.toNativeSeparators(str(details["file"]))))
        if details.get("line"):
            lines.append(self.tr("Line: {line}").format(line=details["line"]))
        if details.get("product"):
            lines.append(self.tr("Product: {code}").format(code=details["product"]))
        if details.get("field"):
            lines.append(self.tr("Key: {key}").format(key=details["field"]))
        lines.append(self.tr("Problem: {reason}").format(
            reason=self.reason_text(str(details.get("reason") or ""), {}, in_file=True)))
        return "\n".join(lines)

    def reason_text(self, reason: str, details: dict, *, in_file: bool) -> str:
        """A validation code of the products service as a sentence (in a file, or under a form field)."""
        code = reason.split(":", 1)[0]
        if code == "missing":
            return self.tr("This key is required and must not be empty.") if in_file \
                else self.tr("This field must be filled in.")
        if code == "invalid_category":
            return self.tr("Unknown category: use one of the codes listed at the top of products.toml.") \
                if in_file else self.tr("Choose a category from the list.")
        texts = {
            "unreadable": self.tr("The file cannot be read; it must be a UTF-8 text file."),
            "syntax": self.tr("This is not valid TOML: look for a missing quote, bracket or comma on this "
                              "line or just before it."),
            "unknown_key": self.tr("Unknown key: check its spelling (an unknown key is never ignored)."),
            "empty": self.tr("The file contains no [[product]] tables."),
            "not_a_table": self.tr("Each product must be a [[product]] table."),
            "duplicate": self.tr("This product code appears more than once in the file."),
            "not_a_string": self.tr("This value must be text in quotes."),
            "invalid_code": self.tr("A code may contain only upper-case letters, digits, “-” and “_”, at most "
                                    "32 characters."),
            "too_long": self.tr("The text is too long: at most {max} characters.").format(
                max=details.get("max", products.MAX_NAME)),
            "out_of_range": self.tr("The risk level must be 1 to 5 (R1–R5)."),
            "not_a_boolean": self.tr("Write true or false, without quotes."),
            "no_changes": self.tr("Nothing has been changed."),
            "not_editable": self.tr("The product code cannot be changed."),
        }
        if code in texts:
            return texts[code]
        return error_message(ValidationError(code, **details), where=False)
