"""CallTimer: the running call clock (F5 starts and stops it) and the editable duration it fills in."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QTime, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTimeEdit, QWidget

from crm.services.interactions import MAX_DURATION_S

RUNNING_COLOR = "#b3261e"


def format_elapsed(seconds: int) -> str:
    """mm:ss, or h:mm:ss from the first hour on."""
    minutes, secs = divmod(max(0, int(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class CallTimer(QWidget):
    """Clock label, Start/Stop button and the duration box; ``duration_s()`` is what gets saved."""

    _built = False  # LanguageChange can arrive before __init__ has made the widgets

    sig_running_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._started_at: float | None = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._on_ticker_timeout)

        self.clock_label = QLabel(format_elapsed(0), self)
        font = QFont(self.clock_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFamilies(["DejaVu Sans Mono", "Consolas", "Menlo", "monospace"])
        self.clock_label.setFont(font)
        self.clock_label.setMinimumWidth(self.clock_label.fontMetrics().horizontalAdvance("0:00:00") + 8)
        self.toggle_button = QPushButton(self)
        self.toggle_button.clicked.connect(self.toggle)
        self.duration_label = QLabel(self)
        self.duration_edit = QTimeEdit(self)
        self.duration_edit.setDisplayFormat("H:mm:ss")
        self.duration_edit.setTimeRange(QTime(0, 0, 0), QTime(0, 0, 0).addSecs(MAX_DURATION_S))
        self.duration_edit.setCurrentSection(QTimeEdit.Section.MinuteSection)
        self.duration_label.setBuddy(self.duration_edit)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.clock_label)
        layout.addWidget(self.toggle_button)
        layout.addSpacing(12)
        layout.addWidget(self.duration_label)
        layout.addWidget(self.duration_edit)
        layout.addStretch(1)
        self.retranslateUi()
        self._built = True

    def retranslateUi(self) -> None:
        self.toggle_button.setText(self.tr("Stop (F5)") if self.running else self.tr("Start (F5)"))
        self.toggle_button.setToolTip(self.tr("Start or stop the call timer (F5)"))
        self.duration_label.setText(self.tr("&Duration:"))
        self.duration_edit.setToolTip(self.tr("How long the call took (hours:minutes:seconds); filled in by "
                                              "the timer, and can be corrected"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslateUi()
        super().changeEvent(event)

    # --- state -----------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def elapsed_s(self) -> int:
        """Seconds on the clock: the running time, or what the duration box says when stopped."""
        if self._started_at is None:
            return QTime(0, 0, 0).secsTo(self.duration_edit.time())
        return min(MAX_DURATION_S, int(self._clock() - self._started_at))

    def duration_s(self) -> int | None:
        """What to save: None when no time was taken (an email, an SMS)."""
        return self.elapsed_s() or None

    def toggle(self) -> None:
        self.stop() if self.running else self.start()

    def start(self) -> None:
        """Start, continuing from the duration already shown (a call put on hold and resumed)."""
        if self.running:
            return
        self._started_at = self._clock() - self.elapsed_s()
        self.duration_edit.setReadOnly(True)
        self._ticker.start()
        self._show()
        self.sig_running_changed.emit(True)

    def stop(self) -> None:
        if not self.running:
            return
        seconds = self.elapsed_s()
        self._started_at = None
        self._ticker.stop()
        self.duration_edit.setReadOnly(False)
        self.duration_edit.setTime(QTime(0, 0, 0).addSecs(seconds))
        self._show()
        self.sig_running_changed.emit(False)

    def reset(self) -> None:
        self.stop()
        self.duration_edit.setTime(QTime(0, 0, 0))
        self._show()

    def _on_ticker_timeout(self) -> None:
        self._show()

    def _show(self) -> None:
        seconds = self.elapsed_s()
        self.clock_label.setText(format_elapsed(seconds))
        color = RUNNING_COLOR if self.running else ""
        self.clock_label.setStyleSheet(f"color: {color};" if color else "")
        if self.running:
            self.duration_edit.setTime(QTime(0, 0, 0).addSecs(seconds))
        self.retranslateUi()
        self.clock_label.setAccessibleName(self.tr("Call time {time}").format(time=self.clock_label.text()))
