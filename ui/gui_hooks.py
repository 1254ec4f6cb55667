"""GuiHooks: what the CLI calls into the desktop UI for (start the app, UI checks for `crm self-test`).

Importing this module must not import Qt: every PySide6 import happens inside the methods.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from crm.db import Storage
    from crm.selftest import Check

# A string of our catalogue and one of Qt's, with their zh_CN translations, to prove both load.
OUR_PROBE = ("MainWindow", "&File", "文件(&F)")
WORKSPACE_PROBE = ("CustomerTableModel", "Last contact", "最近联系")
QT_PROBE = ("QPlatformTheme", "Cancel", "取消")


class GuiHooks:
    """The CLI's handle on the UI; crm.cli stays free of Qt by calling only these methods."""

    def run_app(self, data_dir: Path, db_url: str | None) -> int:
        """Start the app, or bring the one already running for this user and data folder to the front."""
        from ui.app import run

        return run(data_dir, db_url)

    def pop(self, data_dir: Path, db_url: str | None, number: str) -> int:
        """Screen pop: the running app shows the caller (``pop\\t<number>``); else the app starts with it."""
        from ui.app import run

        return run(data_dir, db_url, pop_number=number)

    def ui_checks(self, storage: Storage) -> list[Check]:
        """Qt starts (offscreen when no app runs yet), zh_CN catalogues load, the main window builds."""
        from crm.selftest import Check
        from PySide6.QtWidgets import QApplication

        checks: list[Check] = []
        if QApplication.instance() is None:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        state: dict = {}
        checks.append(_check(Check, "ui_qt", lambda: _start_qt(state)))
        if "app" not in state:
            return checks
        from ui import i18n

        previous = i18n.current_language()
        try:
            checks.append(_check(Check, "ui_translations_zh_CN", _check_translations))
            checks.append(_check(Check, "ui_main_window", lambda: _check_main_window(state["app"], storage)))
        finally:
            i18n.install_language(previous)
        return checks


def _check(check_cls: type[Check], name: str, fn: Callable[[], str]) -> Check:
    try:
        return check_cls(name, True, fn() or "")
    except Exception as exc:  # a self-test reports every failure instead of stopping at the first
        return check_cls(name, False, f"{type(exc).__name__}: {exc}")


def _start_qt(state: dict) -> str:
    import PySide6
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication

    from ui.app import create_application

    if sys.version_info < (3, 12):  # FINDINGS: PySide6 6.12 on CPython 3.11 aborts (none_dealloc)
        raise RuntimeError("Python >= 3.12 is required by PySide6 6.12")
    existing = QApplication.instance()
    if existing is not None and not isinstance(existing, QApplication):
        raise RuntimeError(f"a {type(existing).__name__} runs instead of a QApplication")
    app = create_application()
    state["app"] = app
    return f"PySide6 {PySide6.__version__}, Qt {qVersion()}, platform {app.platformName()}"


def _check_translations() -> str:
    from PySide6.QtCore import QCoreApplication

    from ui import i18n

    loaded = i18n.install_language(i18n.CHINESE)
    missing = [name for name, ok in loaded.items() if not ok]
    if missing:
        raise RuntimeError(f"not found: {', '.join(missing)}")
    for context, source, expected in (OUR_PROBE, WORKSPACE_PROBE, QT_PROBE):
        got = QCoreApplication.translate(context, source)
        if got != expected:
            raise RuntimeError(f"{context}/{source!r} translated to {got!r}, expected {expected!r}")
    return ", ".join(f"{name}.qm" for name in loaded)


def _check_main_window(app, storage: Storage) -> str:
    from ui.app import build_main_window

    window = build_main_window(storage, sign_in=False)  # a self-test signs nobody in (writes nothing)
    try:
        window.show()
        window.show_overview()  # the overview tab counts when shown
        app.processEvents()
        if not window.isVisible():
            raise RuntimeError("the main window did not become visible")
        summary = window.home.summary()
        if summary is None:
            raise RuntimeError("the home panel could not read the overview")
        return f"{window.storage_label.text()}; {summary.customers} customers"
    finally:
        window.hide()  # not close(): a hidden offscreen window must not overwrite the saved geometry
        window.deleteLater()
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
