"""Application font: a Chinese-capable UI font on Windows, a CJK fallback elsewhere."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

# Microsoft YaHei UI carries Latin and Chinese in one design (Windows 7+); SimSun is the last resort.
WINDOWS_FAMILIES = ["Microsoft YaHei UI", "Segoe UI", "Microsoft YaHei", "SimSun"]
CJK_FALLBACK = "Noto Sans CJK SC"


def apply_fonts(app: QApplication) -> None:
    font = QFont(app.font())
    if sys.platform == "win32":
        font.setFamilies(WINDOWS_FAMILIES)
    else:
        families = font.families() or [font.family()]
        if CJK_FALLBACK not in families:
            font.setFamilies([*families, CJK_FALLBACK])
    app.setFont(font)
