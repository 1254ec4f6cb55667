"""CustomerHeader: who is on the line at a glance — name, segment, care flags, risk rating, verification."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from crm.services.customer_detail import CustomerDetail
from ui.customer_messages import code_label
from ui.formats import format_date, format_instant
from ui.widgets.chip import Chip
from ui.widgets.masked_label import MaskedLabel

SEGMENT_TONES = {"standard": "neutral", "vip": "gold", "private": "purple"}
VERIFICATION_TONES = {"passed": "good", "partial": "bad", "failed": "bad", "not_done": "neutral"}


class CustomerHeader(QFrame):
    """Read-only summary above the tabs; red where the agent must act (rating expired or missing)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._detail: CustomerDetail | None = None
        self._verification = "not_done"
        self.name_label = QLabel(self)
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.person_label = QLabel(self)
        self.segment_chip = Chip("neutral", self)
        self.elderly_chip = Chip("warn", self)
        self.vulnerable_chip = Chip("purple", self)
        self.dnd_chip = Chip("bad", self)
        self.verification_chip = Chip("neutral", self)
        self.risk_label = QLabel(self)
        self.id_label = MaskedLabel("", self)
        self.contact_label = QLabel(self)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.name_label)
        top.addWidget(self.person_label)
        for chip in (self.segment_chip, self.elderly_chip, self.vulnerable_chip, self.dnd_chip):
            top.addWidget(chip)
        top.addStretch(1)
        top.addWidget(self.verification_chip)
        second = QHBoxLayout()
        second.setSpacing(16)
        second.addWidget(self.risk_label)
        second.addWidget(self.id_label)
        second.addWidget(self.contact_label)
        second.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(second)

    def set_detail(self, detail: CustomerDetail | None) -> None:
        self._detail = detail
        self.retranslateUi()

    def set_verification(self, status: str) -> None:
        self._verification = status
        self._show_verification()

    def retranslateUi(self) -> None:
        d = self._detail
        if d is None:
            for label in (self.name_label, self.person_label, self.risk_label, self.contact_label):
                label.clear()
            self.id_label.set_masked("")
            for chip in (self.segment_chip, self.elderly_chip, self.vulnerable_chip, self.dnd_chip):
                chip.show_text("")
            self._show_verification()
            return
        self.name_label.setText(d.name)
        person = [code_label("gender", d.gender)] if d.gender != "unknown" else []
        if d.age is not None:
            person.append(self.tr("{age} years").format(age=d.age))
        self.person_label.setText(" · ".join(person))
        self.segment_chip.show_text(code_label("segment", d.segment), SEGMENT_TONES.get(d.segment, "neutral"))
        self.elderly_chip.show_text(self.tr("Elderly customer") if d.elderly else "")
        self.elderly_chip.setToolTip(self.tr("Speak slowly and repeat the key information"))
        self.vulnerable_chip.show_text(self.tr("Vulnerable") if d.vulnerable else "")
        self.dnd_chip.show_text(self.tr("Do not disturb") if d.do_not_disturb else "")
        self.dnd_chip.setToolTip(self.tr("No marketing or care calls to this customer"))
        self._show_risk(d)
        self.id_label.set_masked(d.id_masked, self.tr("ID number (masked)"))
        last = format_instant(d.last_contact_at) if d.last_contact_at else self.tr("never")
        self.contact_label.setText(self.tr("Last contact: {when}").format(when=last))
        self._show_verification()

    def _show_risk(self, d: CustomerDetail) -> None:
        if d.risk_rating is None:
            text, bad = self.tr("Risk rating: not assessed"), True
        elif d.risk_expired:
            when = format_date(d.risk_expires_on) if d.risk_expires_on else self.tr("unknown date")
            text, bad = self.tr("Risk rating: {rating} · expired {date}").format(
                rating=code_label("risk_rating", d.risk_rating), date=when), True
        else:
            text, bad = self.tr("Risk rating: {rating} · valid until {date}").format(
                rating=code_label("risk_rating", d.risk_rating), date=format_date(d.risk_expires_on)), False
        self.risk_label.setText(text)
        self.risk_label.setStyleSheet("QLabel { color: #b3261e; font-weight: bold; }" if bad else "")
        self.risk_label.setToolTip(self.tr("Wealth products may be offered only with a valid rating")
                                   if bad else "")

    def _show_verification(self) -> None:
        status = self._verification if self._detail is not None else ""
        if not status:
            self.verification_chip.show_text("")
            return
        text = self.tr("Verified") if status == "passed" else (
            self.tr("Not verified") if status == "not_done" else self.tr("Verification failed"))
        self.verification_chip.show_text(text, VERIFICATION_TONES.get(status, "neutral"))
        self.verification_chip.setToolTip(self.tr("Identity verification in this call"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
