"""For benchmarks: with CRM_STARTUP_PROBE=1, report process start -> first paint of a window, then quit."""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


def enabled() -> bool:
    return os.environ.get("CRM_STARTUP_PROBE") == "1"


def rss_mb() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:  # not Linux: peak RSS is the best portable figure
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 1e6 if sys.platform == "darwin" else peak / 1e3


class _FirstPaint(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        t0 = float(os.environ.get("CRM_PROBE_T0", "0") or 0)
        print(json.dumps({"first_paint_s": time.time() - t0, "rss_mb": rss_mb()}), flush=True)
        QApplication.instance().exit(0)


def watch(window: QWidget) -> None:
    """Call right after ``window.show()``; the app exits once the window has painted."""
    if enabled():
        _FirstPaint(window)
