"""TimelineView's cards: the status at the end of a title stays readable when the pane is narrow."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from ui.models.timeline_model import KindRole, TimeTextRole, TitleRole
from ui.views.customer.timeline_view import TimelineDelegate, elide_title
from ui_fakes import GUI

pytestmark = GUI

TITLE = "Sales opportunity · Foreign exchange · Confirmed"
TIME = "11/23/2026 9:28 PM"
PANE = 420  # the timeline's width beside the call form at 1280×800


class RecordingPainter(QPainter):
    def __init__(self, device: QImage) -> None:
        super().__init__(device)
        self.texts: list[str] = []

    def drawText(self, *args) -> None:  # noqa: N802 - Qt API
        self.texts.append(args[-1])
        super().drawText(*args)


def _painted_texts(title: str, width: int) -> list[str]:
    model = QStandardItemModel()
    item = QStandardItem()
    for value, role in ((title, TitleRole), (TIME, TimeTextRole), ("opportunity", KindRole)):
        item.setData(value, role)
    model.appendRow(item)
    option = QStyleOptionViewItem()
    option.font, option.palette = QApplication.font(), QApplication.palette()
    option.rect = QRect(0, 0, width, 60)
    image = QImage(width, 60, QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    try:
        TimelineDelegate().paint(painter, option, model.index(0, 0))
    finally:
        painter.end()
    return painter.texts


def test_a_narrow_card_shortens_the_category_not_the_status(qtbot):
    bold = QFont(QApplication.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    assert metrics.horizontalAdvance(TITLE + TIME) > PANE  # else this test proves nothing
    title = next(text for text in _painted_texts(TITLE, PANE) if text.startswith("Sales"))
    assert title.endswith(" · Confirmed") and "…" in title


def test_a_title_that_fits_is_shown_whole():
    metrics = QFontMetrics(QApplication.font())
    assert elide_title(TITLE, metrics, metrics.horizontalAdvance(TITLE)) == TITLE


def test_the_status_is_cut_only_when_nothing_else_is_left():
    metrics = QFontMetrics(QApplication.font())
    status = metrics.horizontalAdvance("… · Confirmed")
    assert elide_title(TITLE, metrics, status) == "… · Confirmed"
    shortest = elide_title(TITLE, metrics, status - 10)
    assert shortest.endswith("…") and metrics.horizontalAdvance(shortest) <= status - 10
    assert elide_title("Sales lead", metrics, 30).endswith("…")
