"""Regression: many Qt calls that return nothing must not crash the interpreter.

See /work/shared/FINDINGS.md, "A crash to design around": PySide6 6.12.0 on CPython 3.11 drops a reference
to None on every void call and aborts with "Fatal Python error: none_dealloc" after about 5,000 of them.
On CPython 3.12+ None is immortal, which is why the project requires Python >= 3.12.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_python_is_new_enough_for_pyside6_6_12():
    assert sys.version_info >= (3, 12)


def test_twenty_thousand_void_qt_calls(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    for _ in range(10_000):
        widget.setEnabled(True)
        widget.update()
    assert widget.isEnabled()
