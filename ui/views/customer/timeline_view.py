"""TimelineView: the TimelineModel as compact cards — what, when, who, and two lines of notes."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.models.timeline_model import BodyRole, KindRole, MetaRole, TimeTextRole, TitleRole

KIND_COLORS = {
    "interaction": QColor("#3b7dd8"),
    "case": QColor("#c62828"),
    "case_update": QColor("#e57373"),
    "followup": QColor("#ef8f00"),
    "followup_attempt": QColor("#f4b860"),
    "opportunity": QColor("#2e7d32"),
    "lead": QColor("#66bb6a"),
    "change": QColor("#9e9e9e"),
}
PAD = 6
BAR = 4
BODY_LINES = 2
SEPARATOR = " · "  # between the parts of a title, in every language


def elide_title(title: str, metrics: QFontMetrics, width: int) -> str:
    """``title`` shortened to ``width``, its last part kept whole while anything before it can give way.

    The last part is the status or outcome ("Sales opportunity · Foreign exchange · Confirmed"): what the
    agent looks for, so it is the last thing to be cut.
    """
    if metrics.horizontalAdvance(title) <= width:
        return title
    head, separator, last = title.rpartition(SEPARATOR)
    if separator:
        tail = separator + last
        head = metrics.elidedText(head, Qt.TextElideMode.ElideRight, width - metrics.horizontalAdvance(tail))
        if head:
            return head + tail
    return metrics.elidedText(title, Qt.TextElideMode.ElideRight, width)


class TimelineDelegate(QStyledItemDelegate):
    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def _body_lines(self, text: str, font: QFont, width: int) -> list[tuple[int, int]]:
        """(start, length) of the first BODY_LINES wrapped lines of ``text``."""
        layout = QTextLayout(text.replace("\n", " "), font)
        layout.beginLayout()
        lines = []
        while len(lines) < BODY_LINES:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(10, width))
            lines.append((line.textStart(), line.textLength()))
        layout.endLayout()
        return lines

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        bold, normal = self._fonts(option)
        line = QFontMetrics(normal).lineSpacing()
        height = PAD * 2 + QFontMetrics(bold).lineSpacing()
        if index.data(MetaRole):
            height += line
        body = index.data(BodyRole) or ""
        if body:
            width = self._text_width(option)
            height += line * len(self._body_lines(body, normal, width)) + 2
        return QSize(option.rect.width() or 300, height)

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        view = option.widget
        width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        return width - BAR - 3 * PAD

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        dim_color = text_color if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        painter.fillRect(QRect(rect.left() + 2, rect.top() + 3, BAR, rect.height() - 6),
                         KIND_COLORS.get(index.data(KindRole), QColor("#9e9e9e")))
        bold, normal = self._fonts(option)
        left = rect.left() + BAR + 2 * PAD
        width = rect.right() - left - PAD
        y = rect.top() + PAD

        time_text = index.data(TimeTextRole) or ""
        painter.setFont(normal)
        time_width = QFontMetrics(normal).horizontalAdvance(time_text)
        bold_metrics = QFontMetrics(bold)
        painter.setPen(dim_color)
        painter.drawText(QRect(left, y, width, bold_metrics.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, time_text)
        painter.setFont(bold)
        painter.setPen(text_color)
        title = elide_title(index.data(TitleRole) or "", bold_metrics, max(10, width - time_width - PAD))
        painter.drawText(QRect(left, y, width, bold_metrics.height()), Qt.AlignmentFlag.AlignVCenter, title)
        y += bold_metrics.lineSpacing()

        metrics = QFontMetrics(normal)
        painter.setFont(normal)
        meta = index.data(MetaRole) or ""
        if meta:
            painter.setPen(dim_color)
            painter.drawText(QRect(left, y, width, metrics.height()), Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(meta, Qt.TextElideMode.ElideRight, width))
            y += metrics.lineSpacing()
        body = (index.data(BodyRole) or "").replace("\n", " ")
        if body:
            painter.setPen(text_color)
            lines = self._body_lines(body, normal, width)
            for n, (start, length) in enumerate(lines):
                text = body[start:start + length] if n < len(lines) - 1 else metrics.elidedText(
                    body[start:], Qt.TextElideMode.ElideRight, width)
                painter.drawText(QPointF(left, y + metrics.ascent()), text)
                y += metrics.lineSpacing()
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(rect.left() + PAD, rect.bottom(), rect.right() - PAD, rect.bottom())
        painter.restore()


class TimelineView(QListView):
    """Newest first; Qt calls the model's fetchMore as the agent scrolls to the end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(TimelineDelegate(self))
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setMouseTracking(True)
