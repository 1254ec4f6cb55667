"""FraudAlert: the red banner over the call form when the caller's words sound like telecom fraud (反诈).

It shows at once, never blocks typing, and gives the agent the dissuasion script (劝阻话术) in the UI
language and four actions. An action taken before the call is saved is remembered and recorded against the
fraud escalation as soon as the save creates it (``on_saved``); after the save each click is recorded at once
(``opportunities.record_fraud_action``). Once the call is saved the banner stays until the agent closes it.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFrame, QGridLayout, QHBoxLayout, QLabel,
                               QPushButton, QSizePolicy, QTextBrowser, QToolButton, QVBoxLayout, QWidget)

from crm.codes import EscalationAction
from crm.errors import CrmError
from crm.models import StaffUser
from ui import i18n
from ui.interaction_messages import message_for

log = logging.getLogger(__name__)

BANNER_STYLE = """
QFrame#fraudAlert { background-color: #b3261e; border: 2px solid #6e0f0a; border-radius: 4px; }
QFrame#fraudAlert QLabel { color: white; background: transparent; }
QFrame#fraudAlert QTextBrowser#fraudScript { background-color: #fdecea; color: #410e0b; border: none;
                                             border-radius: 3px; padding: 2px 4px; font-size: 11pt; }
QFrame#fraudAlert QPushButton { background-color: white; color: #8c1d18; border: 1px solid #6e0f0a;
                                border-radius: 3px; padding: 3px 8px; font-weight: bold; }
QFrame#fraudAlert QPushButton:disabled { background-color: #f3c3bf; color: #410e0b; }
QFrame#fraudAlert QToolButton { color: white; border: none; font-weight: bold; }
"""

# The four buttons, in the order the agent usually acts.
ACTIONS: tuple[str, ...] = (EscalationAction.DISSUASION_SCRIPT, EscalationAction.BRANCH_SECURITY_NOTIFIED,
                            EscalationAction.POLICE_96110, EscalationAction.SUPERVISOR_NOTIFIED)
PENDING, RECORDED = "pending", "recorded"
SCRIPT_LINES = 3.5  # the script box shows this many lines (half a line more says "scroll for the rest")
MIN_SCRIPT_LINES = 2.5

RecordAction = Callable[[StaffUser, int, str], object]


def _record_fraud_action(actor: StaffUser, escalation_id: int, action: str) -> object:
    from crm.services import opportunities
    return opportunities.record_fraud_action(actor, escalation_id, action)


def script_text(finding: Any, language: str | None = None) -> str:
    """The finding's dissuasion script in ``language`` (the UI's), falling back to the other one."""
    language = language or i18n.current_language()
    zh, en = getattr(finding, "script_zh", "") or "", getattr(finding, "script_en", "") or ""
    return (en or zh) if language == i18n.ENGLISH else (zh or en)


def explanation_text(finding: Any, language: str | None = None) -> str:
    language = language or i18n.current_language()
    zh, en = getattr(finding, "explanation_zh", "") or "", getattr(finding, "explanation_en", "") or ""
    return (en or zh) if language == i18n.ENGLISH else (zh or en)


class ElidedLabel(QLabel):
    """One line, cut with "…" when too narrow; the whole text is its tooltip. ``text()`` is the whole text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def elided_text(self) -> str:
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def paintEvent(self, _event: Any) -> None:
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(Qt.AlignmentFlag.AlignLeft
                                                                     | Qt.AlignmentFlag.AlignVCenter),
                                  self.palette(), self.isEnabled(), self.elided_text(), QPalette.ColorRole.WindowText)


class ScriptBox(QTextBrowser):
    """The script, word-wrapped in a box of a few lines that scrolls (never cut mid-sentence unseen): about
    SCRIPT_LINES lines when there is room, MIN_SCRIPT_LINES when the panel is short."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes on to the form; the mouse can still select
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def _height(self, lines: float) -> int:
        margins = self.contentsMargins()
        frame = 2 * self.document().documentMargin() + margins.top() + margins.bottom()
        return int(self.fontMetrics().lineSpacing() * lines + frame) + 2

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height(SCRIPT_LINES))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._height(MIN_SCRIPT_LINES))


class FraudScriptDialog(QDialog):
    """Every script of the call's fraud findings in large type; not modal, so the agent keeps typing."""

    def __init__(self, findings: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.browser = QTextBrowser(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self._findings = list(findings)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Dissuasion Script"))
        parts, seen = [], set()
        for finding in self._findings:
            script = script_text(finding)
            if not script or script in seen:
                continue
            seen.add(script)
            # what to read aloud in large type; why, in small type above it
            parts.append(f"<p style='color:#5f6368; font-size:10pt'>{html.escape(explanation_text(finding))}</p>"
                         f"<p style='font-size:15pt; line-height:140%'>{html.escape(script)}</p>")
        self.browser.setHtml("".join(parts))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


class FraudAlert(QFrame):
    """Hidden until ``set_findings`` gets a fraud finding; ``on_saved`` ties it to the stored escalation."""

    _built = False
    sig_action_recorded = Signal(str)  # EscalationAction code, once stored

    def __init__(self, actor: StaffUser, parent: QWidget | None = None, *,
                 record_action: RecordAction = _record_fraud_action) -> None:
        super().__init__(parent)
        self._actor = actor
        self._record_action = record_action
        self._findings: list[Any] = []  # fraud findings of the call shown
        self._escalation_ids: tuple[int, ...] = ()  # set once the call is saved
        self._customer_id: int | None = None  # whose saved call it is
        self._actions: dict[str, str] = {}  # action -> PENDING | RECORDED
        self._stored: set[tuple[int, str]] = set()  # (escalation id, action) already recorded
        self._error = ""
        self.setObjectName("fraudAlert")
        self.setStyleSheet(BANNER_STYLE)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._build_ui()
        self.retranslateUi()
        self.setVisible(False)
        self._built = True

    def _build_ui(self) -> None:
        # Compact, so the call form keeps its room: a title of one or two lines, the script in a box of a few lines that
        # scrolls (Full Script… shows it all), the actions, and one status line.
        self.title_label = QLabel(self)  # wraps rather than cuts: it says what to do now
        self.title_label.setWordWrap(True)
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title_label.setFont(font)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.clicked.connect(self.dismiss)
        header = QHBoxLayout()
        header.setSpacing(4)
        header.addWidget(self.title_label, 1)
        header.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.heard_label = ElidedLabel(self)
        self.script_label = ScriptBox(self)
        self.script_label.setObjectName("fraudScript")
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(4)
        for index, action in enumerate(ACTIONS):
            button = QPushButton(self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, a=action: self.act(a))
            self.buttons[action] = button
            grid.addWidget(button, index // 2, index % 2)
        self.script_button = QPushButton(self)
        self.script_button.setAutoDefault(False)
        self.script_button.clicked.connect(self.show_full_script)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        heard_row = QHBoxLayout()
        heard_row.setSpacing(4)
        heard_row.addWidget(self.heard_label, 1)
        heard_row.addWidget(self.script_button, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(3)
        layout.addLayout(header)
        layout.addLayout(heard_row)
        layout.addWidget(self.script_label)
        layout.addLayout(grid)
        layout.addWidget(self.status_label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def retranslateUi(self) -> None:
        self.title_label.setText(self.tr("⚠ Possible telecom fraud: stop any transfer and read the script to "
                                         "the customer"))
        self.close_button.setToolTip(self.tr("Close this warning (the call is saved)"))
        self.close_button.setAccessibleName(self.close_button.toolTip())
        self.script_button.setText(self.tr("Full Script…"))
        self.script_button.setToolTip(self.tr("Show the whole dissuasion script in a separate window"))
        texts = {
            EscalationAction.DISSUASION_SCRIPT: (self.tr("Dissuasion script read"),
                                                 self.tr("Record that you read the dissuasion script to the customer")),
            EscalationAction.BRANCH_SECURITY_NOTIFIED: (self.tr("Notify branch security"),
                                                        self.tr("Record that you told branch security about "
                                                                "this call")),
            EscalationAction.POLICE_96110: (self.tr("Call 96110"),
                                            self.tr("Record that you called the anti-fraud hotline 96110")),
            EscalationAction.SUPERVISOR_NOTIFIED: (self.tr("Notify supervisor"),
                                                   self.tr("Record that you told your supervisor about this call")),
        }
        for action, button in self.buttons.items():
            text, tip = texts[action]
            button.setText(f"✓ {text}" if action in self._actions else text)
            button.setToolTip(tip)
        self._show_findings()
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    # --- public API -----------------------------------------------------------------------------

    def findings(self) -> list[Any]:
        return list(self._findings)

    def action_state(self, action: str) -> str | None:
        """PENDING (remembered until the save), RECORDED, or None (not done)."""
        return self._actions.get(action)

    def is_saved(self) -> bool:
        return bool(self._escalation_ids)

    def set_findings(self, findings: Sequence[Any]) -> None:
        """The live result for the notes being typed: the banner appears with the first fraud finding."""
        fraud = [f for f in findings if getattr(f, "kind", "") == "fraud"]
        if self._escalation_ids:
            if not fraud:
                return  # the saved call's banner stays until closed
            self._start_new_call()
        was_visible = bool(self._findings)
        self._findings = fraud
        if not fraud:
            self._actions = {a: s for a, s in self._actions.items() if s == RECORDED}
        self.retranslateUi()
        self.setVisible(bool(fraud))
        if fraud and not was_visible:
            QApplication.beep()
            QApplication.alert(self.window())  # the taskbar flashes if the agent is in another window

    def on_saved(self, saved: Any) -> None:
        """The call was saved: record the remembered actions against its fraud escalation(s)."""
        ids = tuple(getattr(saved, "fraud_escalation_ids", ()) or ())
        if not ids:
            if self._actions:
                log.info("fraud actions taken but the saved call has no fraud escalation: not recorded")
            self._reset()
            return
        self._escalation_ids = ids
        self._customer_id = getattr(saved, "customer_id", None)
        for action, state in list(self._actions.items()):
            if state == PENDING:
                self._record(action)
        self.retranslateUi()
        self.setVisible(True)

    def act(self, action: str) -> None:
        """A button: remembered until the save, recorded at once afterwards."""
        if self._actions.get(action) == RECORDED:
            return
        self._actions[action] = PENDING
        if self._escalation_ids:
            self._record(action)
        self.retranslateUi()

    def dismiss(self) -> None:
        """Close the banner; only once the call is saved (before that the warning must stay)."""
        if self._escalation_ids:
            self._reset()

    def forget_customer(self, customer_id: int | None) -> None:
        """Another customer is on screen: a saved call's banner goes (a warning for unsaved notes stays)."""
        if self._escalation_ids and customer_id != self._customer_id:
            self._reset()

    def show_full_script(self) -> FraudScriptDialog:
        dialog = FraudScriptDialog(self._findings, self.window())
        dialog.show()
        return dialog

    # --- internals ------------------------------------------------------------------------------

    def _record(self, action: str) -> None:
        """On every fraud escalation of the call (one per rule that matched); a retry skips those done."""
        try:
            for escalation_id in self._escalation_ids:
                if (escalation_id, action) not in self._stored:
                    self._record_action(self._actor, escalation_id, action)
                    self._stored.add((escalation_id, action))
        except CrmError as exc:
            log.warning("recording fraud action %s failed: %s", action, exc.code)
            self._error = message_for(exc)
            return
        self._error = ""
        self._actions[action] = RECORDED
        self.sig_action_recorded.emit(action)

    def _start_new_call(self) -> None:
        self._escalation_ids = ()
        self._stored = set()
        self._customer_id = None
        self._actions = {}
        self._error = ""

    def _reset(self) -> None:
        self._start_new_call()
        self._findings = []
        self.retranslateUi()
        self.setVisible(False)

    def _show_findings(self) -> None:
        if not self._findings:
            self.heard_label.clear()
            self.script_label.clear()
            return
        phrases: list[str] = []
        for finding in self._findings:
            phrase = finding.evidence.text
            if phrase not in phrases:
                phrases.append(phrase)
        self.heard_label.setText(self.tr("Heard: {phrases}").format(
            phrases=self.tr(", ").join(f"“{p}”" for p in phrases)))
        reasons: list[str] = []
        for finding in self._findings:
            reason = explanation_text(finding)
            if reason and reason not in reasons:
                reasons.append(reason)
        self.heard_label.setToolTip("\n".join([self.heard_label.text(), *reasons]))
        # The script to read first; why it was raised under it (the box scrolls; Full Script… shows it all).
        script = html.escape(script_text(self._findings[0]))
        why = "".join(f"<p style='color:#6e3b37; font-size:9pt;'>{html.escape(r)}</p>" for r in reasons)
        self.script_label.setHtml(f"<p>{script}</p>{why}")

    def _show_status(self) -> None:
        saved = bool(self._escalation_ids)
        self.close_button.setVisible(saved)
        for action, button in self.buttons.items():
            button.setEnabled(self._actions.get(action) != RECORDED)
        if self._error:
            text = self.tr("Not recorded: {error}").format(error=self._error)
        elif saved:
            text = self.tr("Saved as a fraud warning; no sales lead will be made from this call. "
                           "Each action is recorded as you click it.")
        else:
            text = self.tr("No sales lead will be made from this call. What you do is recorded when the call "
                           "is saved.")
        self.status_label.setText(text)
