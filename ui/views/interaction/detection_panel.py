"""DetectionPanel: what the notes suggest, shown under them while the agent types (需求挖掘 hints).

About 300 ms after the last key the notes go through ``crm.detection.detect`` (microseconds); each sales
opportunity found is shown with the words that triggered it in context, the product category and the
suggested catalogue products, the rule's explanation as its tooltip. Nothing is stored until the call is
saved. A fraud finding suppresses every opportunity: the panel then says so and the FraudAlert above the
form takes over (``sig_findings_changed`` carries every finding to it). After a save the panel shows the
stored opportunities for the agent to confirm or dismiss (``OpportunityReview``).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from crm.errors import CrmError
from crm.models import StaffUser
from ui import i18n, sales_labels
from ui.views.interaction.opportunity_review import OpportunityReview, WrappedLabel

log = logging.getLogger(__name__)
DEBOUNCE_MS = 300
CONTEXT_WIDTH = 12
MAX_HINTS = 5
MAX_PRODUCTS = 3
PANEL_STYLE = """
QFrame#detectionHints { background-color: #eef4fc; border: 1px solid #a8c4e8; border-radius: 4px; }
QFrame#detectionHints QLabel { background: transparent; }
"""
MARK_STYLE = "background-color: #ffe08a; font-weight: bold;"
_OPEN, _CLOSE = "\x01", "\x02"  # around the phrase while the context is cut (neither is whitespace)

Detect = Callable[[str], list[Any]]
Products = Callable[[], Sequence[Any]]


def _detect(text: str) -> list[Any]:
    from crm import detection
    return detection.detect(text)


def _active_products() -> list[Any]:
    from crm.services import products
    return products.list_products(active_only=True)


def explanation(finding: Any) -> str:
    """The rule's explanation in the UI language (the other language when that one is empty)."""
    zh, en = getattr(finding, "explanation_zh", "") or "", getattr(finding, "explanation_en", "") or ""
    return (en or zh) if i18n.current_language() == i18n.ENGLISH else (zh or en)


def emphasised_context(text: str, evidence: Any, width: int = CONTEXT_WIDTH) -> str:
    """HTML: ``crm.detection.context`` (the evidence with ``width`` characters either side, on one line) with
    the phrase itself marked. The phrase is located by its offsets (markers put around it before the context
    is cut), never searched for, so a phrase said twice is marked where it was found."""
    from crm import detection

    start, end = evidence.start, evidence.end
    marked = f"{text[:start]}{_OPEN}{text[start:end]}{_CLOSE}{text[end:]}"
    shown = detection.context(marked, detection.Evidence(start, end + 2, marked[start:end + 2]), width)
    return html.escape(shown).replace(_OPEN, f"<span style='{MARK_STYLE}'>").replace(_CLOSE, "</span>")


class DetectionPanel(QFrame):
    """Watches ``edit``; hidden while there is nothing to show."""

    _built = False
    sig_findings_changed = Signal(list)  # every Finding for the notes now (fraud, opportunity, escalation)

    def __init__(self, actor: StaffUser, edit: QPlainTextEdit, get_customer_id: Callable[[], int | None],
                 parent: QWidget | None = None, *, detect: Detect = _detect, products: Products = _active_products,
                 delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._edit = edit
        self._detect = detect
        self._products = products
        self._catalogue: dict[str, Any] | None = None  # code -> ProductRow, read when first needed
        self._findings: list[Any] = []
        self._text = ""
        self._error = ""
        self.setObjectName("detectionHints")
        self.setStyleSheet(PANEL_STYLE)
        self.title_label = WrappedLabel(self)
        self.hints_label = WrappedLabel(self, rich=True)
        self.hint_labels: list[QLabel] = []
        self._hints_layout = QVBoxLayout()
        self._hints_layout.setSpacing(2)
        self.review = OpportunityReview(actor, get_customer_id, self)
        self.review.sig_changed.connect(self._update_visibility)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addLayout(self._hints_layout)
        layout.addWidget(self.hints_label)
        layout.addWidget(self.review)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.check_now)
        edit.textChanged.connect(self._timer.start)
        self.retranslateUi()
        self._built = True

    # --- public API -----------------------------------------------------------------------------

    def findings(self) -> list[Any]:
        return list(self._findings)

    def opportunities(self) -> list[Any]:
        """The opportunity findings shown (none while a fraud finding is present)."""
        if self.has_fraud():
            return []
        return [f for f in self._findings if getattr(f, "kind", "") == "opportunity"]

    def has_fraud(self) -> bool:
        return any(getattr(f, "kind", "") == "fraud" for f in self._findings)

    def check_now(self) -> list[Any]:
        """Detect at once (Save calls this so a fast typist cannot beat the debounce)."""
        self._timer.stop()
        text = self._edit.toPlainText()
        if text == self._text and not self._error:
            return list(self._findings)
        self._text = text
        try:
            findings = list(self._detect(text)) if text.strip() else []
            self._error = ""
        except CrmError as exc:  # broken rule files: the call can still be logged
            log.warning("detection failed: %s %s", exc.code, exc.details)
            findings, self._error = [], exc.code
        changed = findings != self._findings
        self._findings = findings
        self._render()
        if changed:
            self.sig_findings_changed.emit(list(findings))
        return list(findings)

    def on_saved(self, saved: Any) -> None:
        """The call was saved: list what the core stored for it, for the agent to confirm or dismiss."""
        self._catalogue = None  # the catalogue may have changed since; read it again when needed
        self.review.show_interaction(saved, self._text)  # the notes as checked by Save, before the reset
        # The form is empty again: the saved call's hints go at once, though only after every other slot
        # of the save (the fraud banner must bind to its escalation before it hears "no findings").
        QTimer.singleShot(0, self, self.check_now)

    def forget_customer(self, customer_id: int | None) -> None:
        """Another customer is on screen: the saved call's list belongs to the previous one."""
        self.review.forget_unless(customer_id)
        self._update_visibility()

    def retranslateUi(self) -> None:
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    # --- rendering ------------------------------------------------------------------------------

    def _render(self) -> None:
        for label in self.hint_labels:
            self._hints_layout.removeWidget(label)
            label.deleteLater()
        self.hint_labels = []
        opportunities = self.opportunities()
        if self._error:
            self.title_label.setText(self.tr("Sales hints are unavailable: the detection rules could not be "
                                             "read. Tell your administrator."))
        elif self.has_fraud():
            self.title_label.setText(self.tr("Possible fraud: no sales hints for this call."))
        elif opportunities:
            self.title_label.setText(self.tr("Possible needs (a hint; nothing goes to sales until you confirm "
                                             "it after saving):"))
        else:
            self.title_label.clear()
        for finding in opportunities[:MAX_HINTS]:
            label = WrappedLabel(self, rich=True)
            label.setText(self._hint_html(finding))
            label.setToolTip(explanation(finding))
            self._hints_layout.addWidget(label)
            self.hint_labels.append(label)
        more = len(opportunities) - MAX_HINTS
        self.hints_label.setText(self.tr("… and {count} more").format(count=more) if more > 0 else "")
        self.hints_label.setVisible(more > 0)
        self.title_label.setVisible(bool(self.title_label.text()))
        self._update_visibility()

    def _hint_html(self, finding: Any) -> str:
        category = sales_labels.category_label(finding.category) if finding.category else ""
        names = self._product_names(finding)
        head = f"<b>{html.escape(category)}</b>"
        if names:
            head += " · " + html.escape(self.tr("; ").join(names))
        return f"{head}<br/><span style='color:#3c4a5c;'>{emphasised_context(self._text, finding.evidence)}</span>"

    def _product_names(self, finding: Any) -> list[str]:
        catalogue = self._catalogue_by_code()
        names = [sales_labels.product_name(catalogue[code]) for code in finding.products if code in catalogue]
        return names[:MAX_PRODUCTS]

    def _catalogue_by_code(self) -> dict[str, Any]:
        if self._catalogue is None:
            try:
                self._catalogue = {p.code: p for p in self._products()}
            except CrmError as exc:
                log.warning("product catalogue unavailable: %s", exc.code)
                self._catalogue = {}
        return self._catalogue

    def _update_visibility(self) -> None:
        # A fraud warning for the notes being typed: the previous call's opportunities wait out of sight.
        self.review.setVisible(self.review.has_rows() and not self.has_fraud())
        self.setVisible(bool(self.title_label.text()) or self.review.isVisibleTo(self))
