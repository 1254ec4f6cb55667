"""ServiceJob: one slow core call (an export, an import) on a QThreadPool worker, its result back by signal.

The worker thread gets its own database connection from the proxy; it is closed when the call ends so a
pooled or SQLCipher connection is not left behind on a thread that will run other work next.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from crm.errors import CrmError

log = logging.getLogger(__name__)


class _JobSignals(QObject):
    sig_finished = Signal(object)  # whatever the call returned
    sig_failed = Signal(object)  # the exception (CrmError, OSError, or a bug)


class ServiceJob(QRunnable):
    """``call()`` on a pool thread; connect to ``signals`` before starting it."""

    def __init__(self, call: Callable[[], Any], name: str = "service job", parent: QObject | None = None) -> None:
        super().__init__()
        self._call = call
        self._name = name
        # Owned by ``parent`` (a widget of the UI thread): the pool deletes this runnable on its own thread when
        # run() returns, and a parentless signals object would then be destroyed there, away from the thread
        # it belongs to, while queued signals for it may still be pending (a crash at exit).
        self.signals = _JobSignals(parent)

    def run(self) -> None:
        from crm.db import database_proxy

        try:
            result = self._call()
        except (CrmError, OSError) as exc:
            self._emit(self.signals.sig_failed, exc)
            return
        except Exception as exc:  # noqa: BLE001 - a pool thread has no excepthook: hand it to the UI thread
            log.exception("%s failed", self._name)
            self._emit(self.signals.sig_failed, exc)
            return
        finally:
            try:
                if database_proxy.obj is not None and not database_proxy.is_closed():
                    database_proxy.close()
            except Exception:  # noqa: BLE001
                log.debug("closing the worker's connection failed", exc_info=True)
        self._emit(self.signals.sig_finished, result)

    def _emit(self, signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the dialog closed while we worked: nobody is left to tell
            log.debug("%s finished after its window was deleted", self._name)
