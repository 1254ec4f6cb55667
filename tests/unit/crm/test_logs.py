"""Log records never carry raw identifiers, whatever the caller passed."""

import logging

from crm.logs import MaskingFilter


def test_message_args_and_tracebacks_are_masked():
    record = logging.LogRecord("crm.x", logging.WARNING, __file__, 1, "caller %s id %s card %s",
                               ("13812345678", "110101195003151234", "6222021234567890"), None)
    try:
        raise ValueError("bad number 13912345678")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    assert MaskingFilter().filter(record)
    text = record.getMessage() + (record.exc_text or "")
    for raw in ("13812345678", "110101195003151234", "6222021234567890", "13912345678"):
        assert raw not in text
    assert "138****5678" in text and record.args is None
