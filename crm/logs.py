"""Logging set-up: every record passes a filter that masks identifiers (C2) before any handler sees it."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from crm.identifiers import mask_identifiers_in_text

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class MaskingFilter(logging.Filter):
    """Formats the message with its arguments, masks it, and drops the arguments (they may hold raw values)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = mask_identifiers_in_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_identifiers_in_text(record.exc_text)
        return True


def setup(level: str = "WARNING", log_dir: Path | None = None) -> None:
    """Console (and optionally a rotating file in ``log_dir``) with identifier masking on every handler."""
    root = logging.getLogger()
    root.setLevel(level)
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.handlers.RotatingFileHandler(
            log_dir / "crm.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"))
    for handler in handlers:
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        handler.addFilter(MaskingFilter())
        root.addHandler(handler)
