"""ProfileTab: the editable profile, saved with the version it was loaded at; conflicts are shown, never lost."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm import identifiers
from crm.errors import ConflictError, CrmError, ValidationError
from crm.models import StaffUser
from crm.services import customer_detail, customers
from crm.services.customer_detail import CustomerDetail
from ui.customer_messages import code_choices, code_label, error_message
from ui.formats import date_format
from ui.views.customer.conflict_dialog import APPLY, RELOAD, ConflictDialog
from ui.views.customer.profile_fields import FIELDS, values_of
from ui.widgets.field_message import FieldMessage

log = logging.getLogger(__name__)
NO_DATE = QDate(1900, 1, 1)  # QDateEdit cannot be empty: its minimum stands for "no date"


def _one_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class ProfileTab(QWidget):
    """Edits the plain fields of ``update_customer``; only fields the agent changed are sent."""

    sig_saved = Signal(int)  # customer id, after a successful save
    sig_reload_requested = Signal(int)  # customer id: show what is stored now (my edits discarded)

    def __init__(self, actor: StaffUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._detail: CustomerDetail | None = None
        self._version = 0  # the version my edits are based on
        self._base: dict[str, Any] = {}
        self._loading = False
        self._status_shows_dirty = False
        self.conflict_dialog: ConflictDialog | None = None
        self._build_ui()
        self.retranslateUi()

    # --- construction ---------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(customers.MAX_NAME)
        self.segment_combo = QComboBox(self)
        self.risk_combo = QComboBox(self)
        self.assessed_edit = self._date_edit()
        self.expires_edit = self._date_edit()
        self.dnd_check = QCheckBox(self)
        self.vulnerable_check = QCheckBox(self)
        self.elderly_combo = QComboBox(self)
        self.agent_name_edit = QLineEdit(self)
        self.agent_name_edit.setMaxLength(100)
        self.agent_relation_combo = QComboBox(self)
        self.care_spin = QSpinBox(self)
        self.care_spin.setRange(0, 366)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(70)
        self.messages = {field: FieldMessage(self) for field in FIELDS}
        self.labels: dict[str, QLabel] = {}

        # The dates go under the rating, not beside it: in one line the tab is wider than the pane next to
        # the call form, and the rating ("C4 Growth") and "valid until" were the parts cut off.
        risk_row = QGridLayout()
        risk_row.addWidget(self.risk_combo, 0, 0, 1, 3)
        self._assessed_label, self._expires_label = QLabel(self), QLabel(self)
        for row, label, edit in ((1, self._assessed_label, self.assessed_edit),
                                 (2, self._expires_label, self.expires_edit)):
            risk_row.addWidget(label, row, 0)
            risk_row.addWidget(edit, row, 1)
        risk_row.setColumnStretch(2, 1)
        flags_row = QVBoxLayout()  # one above the other: side by side they alone are wider than the pane
        for widget in (self.dnd_check, self.vulnerable_check):
            flags_row.addWidget(widget)
        agent_row = QHBoxLayout()
        agent_row.addWidget(self.agent_name_edit, 1)
        self._relation_label = QLabel(self)
        agent_row.addWidget(self._relation_label)
        agent_row.addWidget(self.agent_relation_combo)  # as wide as its longest choice, never cut

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
            ("name", self.name_edit, ("name",)),
            ("segment", self.segment_combo, ("segment",)),
            ("risk_rating", risk_row, ("risk_rating", "risk_assessed_on", "risk_expires_on")),
            ("flags", flags_row, ("do_not_disturb", "vulnerable")),
            ("elderly", self.elderly_combo, ("elderly_override",)),
            ("agent_name", agent_row, ("agent_name", "agent_relation")),
            ("care_interval_days", self.care_spin, ("care_interval_days",)),
            ("notes", self.notes_edit, ("notes",)),
        )
        for key, field, message_fields in rows:
            box = QVBoxLayout()
            box.setSpacing(2)
            if isinstance(field, QWidget):
                box.addWidget(field)
            else:
                box.addLayout(field)
            for name in message_fields:
                box.addWidget(self.messages[name])
            self.labels[key] = QLabel(self)
            form.addRow(self.labels[key], box)
        for key, buddy in (("name", self.name_edit), ("segment", self.segment_combo),
                           ("risk_rating", self.risk_combo), ("flags", self.dnd_check),
                           ("elderly", self.elderly_combo),
                           ("agent_name", self.agent_name_edit), ("care_interval_days", self.care_spin),
                           ("notes", self.notes_edit)):
            self.labels[key].setBuddy(buddy)

        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self)
        self.revert_button.clicked.connect(self._on_revert_clicked)
        self.status = QLabel(self)
        self.general_message = FieldMessage(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        inner = QWidget(self)
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(form)
        inner_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.general_message)
        layout.addLayout(buttons)

        for signal in (self.name_edit.textEdited, self.segment_combo.currentIndexChanged,
                       self.expires_edit.dateChanged, self.dnd_check.toggled, self.vulnerable_check.toggled,
                       self.elderly_combo.currentIndexChanged, self.agent_name_edit.textEdited,
                       self.agent_relation_combo.currentIndexChanged, self.care_spin.valueChanged,
                       self.notes_edit.textChanged):
            signal.connect(self._on_edited)
        self.risk_combo.currentIndexChanged.connect(self._on_risk_changed)
        self.assessed_edit.dateChanged.connect(self._on_assessed_changed)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setDate(NO_DATE)
        return edit

    def retranslateUi(self) -> None:
        texts = {"name": self.tr("&Name"), "segment": self.tr("Se&gment"), "risk_rating": self.tr("&Risk rating"),
                 "flags": self.tr("Care flags"),
                 "elderly": self.tr("&Elderly customer"), "agent_name": self.tr("Authorised &agent"),
                 "care_interval_days": self.tr("Return-&visit interval"), "notes": self.tr("N&otes")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        self._assessed_label.setText(self.tr("assessed"))
        self._expires_label.setText(self.tr("valid until"))
        for edit in (self.assessed_edit, self.expires_edit):
            edit.setSpecialValueText(self.tr("none"))
            edit.setLocale(QLocale())
            edit.setDisplayFormat(date_format())
        self.dnd_check.setText(self.tr("Do not disturb"))
        self.dnd_check.setToolTip(self.tr("The customer asked not to be called for marketing or care visits"))
        self.vulnerable_check.setText(self.tr("Vulnerable customer"))
        self.vulnerable_check.setToolTip(self.tr("Needs extra care (illness, disability, financial hardship…)"))
        self.care_spin.setSpecialValueText(self.tr("Segment default"))
        self.care_spin.setSuffix(self.tr(" days"))
        self.agent_name_edit.setPlaceholderText(self.tr("Name of the person allowed to act for the customer"))
        self._relation_label.setText(self.tr("relation"))
        self.save_button.setText(self.tr("&Save"))
        self.revert_button.setText(self.tr("&Undo changes"))
        self._loading = True
        try:
            self._fill_combo(self.segment_combo, code_choices("segment"))
            self._fill_combo(self.risk_combo, [(None, self.tr("Not assessed"))] + code_choices("risk_rating"))
            self._fill_combo(self.agent_relation_combo, [(None, "—")] + code_choices("agent_relation"))
            derived = self._derived_elderly_text()
            self._fill_combo(self.elderly_combo, [(None, derived), (True, self.tr("Yes")), (False, self.tr("No"))])
        finally:
            self._loading = False
        self._update_state()

    def _derived_elderly_text(self) -> str:
        d = self._detail
        if d is None or d.age is None:
            return self.tr("Automatic (no date of birth)")
        derived = d.elderly if d.elderly_override is None else None
        if derived is None:
            return self.tr("Automatic (from date of birth)")
        return self.tr("Automatic: yes (age {age})").format(age=d.age) if derived else \
            self.tr("Automatic: no (age {age})").format(age=d.age)

    @staticmethod
    def _fill_combo(combo: QComboBox, choices: list[tuple[Any, str]]) -> None:
        """Replace the texts, keeping the selection (by data), without emitting while rebuilding."""
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for data, text in choices:
            combo.addItem(text, data)
        found = combo.findData(current)
        combo.setCurrentIndex(found if found >= 0 else 0)
        combo.blockSignals(False)

    # --- loading and reading --------------------------------------------------------------------

    def set_detail(self, detail: CustomerDetail | None, *, force: bool = False) -> None:
        """Show ``detail`` as stored.

        A refresh of the same customer keeps unsaved edits (and the version they were made against, so
        saving them still detects a concurrent change); ``force`` or another customer drops them.
        """
        same = detail is not None and self._detail is not None and detail.id == self._detail.id
        if same and not force and self.has_unsaved_changes():
            return
        if not same:
            self.status.clear()
        self._detail = detail
        self._version = detail.version if detail else 0
        self._base = values_of(detail) if detail else {}
        self._loading = True
        try:
            self.retranslateUi()
            if detail is not None:
                self._write(self._base)
        finally:
            self._loading = False
        for message in (*self.messages.values(), self.general_message):
            message.clear_message()
        self.setEnabled(detail is not None)
        self._update_state()

    def _write(self, values: dict[str, Any]) -> None:
        self.name_edit.setText(values["name"])
        self._select(self.segment_combo, values["segment"])
        self._select(self.risk_combo, values["risk_rating"])
        self._set_date(self.assessed_edit, values["risk_assessed_on"])
        self._set_date(self.expires_edit, values["risk_expires_on"])
        self.dnd_check.setChecked(values["do_not_disturb"])
        self.vulnerable_check.setChecked(values["vulnerable"])
        self._select(self.elderly_combo, values["elderly_override"])
        self.agent_name_edit.setText(values["agent_name"] or "")
        self._select(self.agent_relation_combo, values["agent_relation"])
        self.care_spin.setValue(values["care_interval_days"] or 0)
        self.notes_edit.setPlainText(values["notes"])

    @staticmethod
    def _select(combo: QComboBox, data: Any) -> None:
        # True == 1 and None is falsy: compare identity for those, equality for codes.
        same = (lambda item: item is data) if data is None or isinstance(data, bool) else (
            lambda item: isinstance(item, str) and item == data)
        index = next((i for i in range(combo.count()) if same(combo.itemData(i))), -1)
        combo.setCurrentIndex(max(index, 0))

    @staticmethod
    def _set_date(edit: QDateEdit, value: dt.date | None) -> None:
        edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)

    @staticmethod
    def _get_date(edit: QDateEdit) -> dt.date | None:
        date = edit.date()
        return None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())

    def values(self) -> dict[str, Any]:
        """What the form holds now, normalised like ``values_of``."""
        return {
            "name": " ".join(self.name_edit.text().split()),
            "segment": self.segment_combo.currentData(),
            "risk_rating": self.risk_combo.currentData(),
            "risk_assessed_on": self._get_date(self.assessed_edit),
            "risk_expires_on": self._get_date(self.expires_edit),
            "do_not_disturb": self.dnd_check.isChecked(),
            "vulnerable": self.vulnerable_check.isChecked(),
            "elderly_override": self.elderly_combo.currentData(),
            "agent_name": self.agent_name_edit.text().strip() or None,
            "agent_relation": self.agent_relation_combo.currentData(),
            "care_interval_days": self.care_spin.value() or None,
            "notes": self.notes_edit.toPlainText(),
        }

    def changes(self) -> dict[str, Any]:
        if self._detail is None:
            return {}
        now = self.values()
        return {field: now[field] for field in FIELDS if now[field] != self._base[field]}

    def has_unsaved_changes(self) -> bool:
        return bool(self.changes())

    # --- editing --------------------------------------------------------------------------------

    def _on_edited(self) -> None:
        if not self._loading:
            self._update_state()

    def _on_risk_changed(self) -> None:
        if self._loading:
            return
        if self.risk_combo.currentData() is None:
            self._set_date(self.assessed_edit, None)
            self._set_date(self.expires_edit, None)
        elif self._get_date(self.assessed_edit) is None:
            self._set_date(self.assessed_edit, dt.date.today())  # a new questionnaire is usually today's
        self._update_state()

    def _on_assessed_changed(self) -> None:
        if self._loading:
            return
        assessed = self._get_date(self.assessed_edit)
        # A questionnaire is valid for a year (as the core sets it on creation); the agent may correct it.
        self._set_date(self.expires_edit, _one_year_after(assessed) if assessed else None)
        self._update_state()

    def _update_state(self) -> None:
        dirty = self.has_unsaved_changes()
        rated = self.risk_combo.currentData() is not None
        self.assessed_edit.setEnabled(rated)
        self.expires_edit.setEnabled(rated)
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        if dirty:
            self.status.setText(self.tr("Unsaved changes: {fields}").format(
                fields=self.tr(", ").join(code_label("customer_field", f) for f in self.changes())))
        elif self._status_shows_dirty:
            self.status.clear()
        self._status_shows_dirty = dirty

    def _on_revert_clicked(self) -> None:
        self.set_detail(self._detail, force=True)

    # --- saving ---------------------------------------------------------------------------------

    def save(self) -> bool:
        """Send my changes with the version I loaded; True when saved."""
        if self._detail is None:
            return False
        for message in (*self.messages.values(), self.general_message):
            message.clear_message()
        changes = self.changes()
        if not changes:
            return False
        if not self._check_notes(changes):
            return False
        return self._write_changes(self._version, changes)

    def _check_notes(self, changes: dict[str, Any]) -> bool:
        """Authentication data (C3) must never be stored, not even in notes: warn and block."""
        hits = identifiers.find_auth_data(changes.get("notes") or "")
        if hits:
            self._show_error(ValidationError("auth_data_in_notes", field="notes",
                                             kinds=sorted({h.kind for h in hits})))
            return False
        return True

    def _write_changes(self, version: int, changes: dict[str, Any]) -> bool:
        cid = self._detail.id
        try:
            self._version = customers.update_customer(self._actor, cid, version, changes)
        except ConflictError as exc:
            log.info("customer %s changed by someone else: %s", cid, exc)
            self._open_conflict_dialog()
            return False
        except CrmError as exc:
            self._show_error(exc)
            return False
        self.status.setText(self.tr("Saved at {time}").format(
            time=QLocale().toString(QTime.currentTime(), QLocale.FormatType.ShortFormat)))
        self._status_shows_dirty = False
        self._base.update(changes)  # what I saved is now the stored state
        self._update_state()
        self.sig_saved.emit(cid)
        return True

    def _show_error(self, exc: CrmError) -> None:
        field = str(exc.details.get("field", "")).split("[", 1)[0]
        if field in self.messages:
            self.messages[field].show_message(error_message(exc, where=False))
        else:
            self.general_message.show_message(error_message(exc))

    def _open_conflict_dialog(self) -> None:
        try:
            theirs = customer_detail.get_detail(self._detail.id)
        except CrmError as exc:
            self._show_error(exc)
            return
        dialog = ConflictDialog(self._base, values_of(theirs), self.values(), self)
        dialog.finished.connect(lambda _result: self._on_conflict_finished(dialog, theirs))
        self.conflict_dialog = dialog
        dialog.open()

    def _on_conflict_finished(self, dialog: ConflictDialog, theirs: CustomerDetail) -> None:
        self.conflict_dialog = None
        dialog.deleteLater()
        if dialog.choice() == RELOAD:
            self.set_detail(theirs, force=True)
            self.sig_reload_requested.emit(theirs.id)
        elif dialog.choice() == APPLY:
            mine = self.values()
            changes = {field: mine[field] for field in dialog.selected_fields()}
            # From now on the form is their version plus my ticked changes; what is not ticked is theirs.
            self.set_detail(theirs, force=True)
            self._loading = True
            try:
                self._write({**self._base, **changes})
            finally:
                self._loading = False
            self._update_state()
            if self._check_notes(changes):
                self._write_changes(theirs.version, changes)
        else:
            self.general_message.show_message(self.tr(
                "Not saved: another user changed this customer. Save again to compare, or undo your changes."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
