"""CustomerTableModel: search results as an ID list; rows fetched in pages when first displayed.

``set_query`` and ``sort`` keep only the matching ids (at most ``max_ids``); ``data`` fetches the page of
100 ids a row belongs to with one ``list_rows`` call and keeps the last 32 pages (STYLE.md, "Big lists").
``flags`` and the id/match roles never fetch.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QDateTime, QLocale,
                            QModelIndex, QObject, QPersistentModelIndex, Qt, Signal)
from PySide6.QtGui import QFont

from crm.errors import CrmError
from ui.formats import format_date, format_instant
from ui.models.customer_search_source import CustomerSearchSource
from ui.models.roles import CustomerIdRole, LastContactRole, MatchRole, SegmentRole

if TYPE_CHECKING:
    from crm.services.search import SearchHit

log = logging.getLogger(__name__)
_CONTEXT = "CustomerTableModel"

PAGE_SIZE = 100
MAX_PAGES = 32
RANK = -1  # "column" of the default order: best match first

COL_NAME, COL_PHONE, COL_SEGMENT, COL_LAST_CONTACT, COL_MATCH = range(5)
HEADERS = (
    QT_TRANSLATE_NOOP("CustomerTableModel", "Name"),
    QT_TRANSLATE_NOOP("CustomerTableModel", "Mobile"),
    QT_TRANSLATE_NOOP("CustomerTableModel", "Segment"),
    QT_TRANSLATE_NOOP("CustomerTableModel", "Last contact"),
    QT_TRANSLATE_NOOP("CustomerTableModel", "Matched by"),
)
HEADER_TIPS = {
    COL_PHONE: QT_TRANSLATE_NOOP("CustomerTableModel", "Primary mobile number, masked"),
    COL_MATCH: QT_TRANSLATE_NOOP("CustomerTableModel", "What the search text matched"),
}
# The only columns a user may sort by, and the core's name for each order (an allow-list).
SORT_KEYS = {COL_NAME: "name", COL_SEGMENT: "segment", COL_LAST_CONTACT: "last_contact"}
SEGMENT_NAMES = {
    "standard": QT_TRANSLATE_NOOP("CustomerTableModel", "Standard"),
    "vip": QT_TRANSLATE_NOOP("CustomerTableModel", "VIP"),
    "private": QT_TRANSLATE_NOOP("CustomerTableModel", "Private"),
}
SEGMENT_TIPS = {"private": QT_TRANSLATE_NOOP("CustomerTableModel", "Private banking customer")}
MATCH_NAMES = {
    "phone_exact": QT_TRANSLATE_NOOP("CustomerTableModel", "Full phone number"),
    "phone": QT_TRANSLATE_NOOP("CustomerTableModel", "Phone digits"),
    "name": QT_TRANSLATE_NOOP("CustomerTableModel", "Name"),
    "pinyin": QT_TRANSLATE_NOOP("CustomerTableModel", "Pinyin"),
    "initials": QT_TRANSLATE_NOOP("CustomerTableModel", "Initials"),
    "id_tail": QT_TRANSLATE_NOOP("CustomerTableModel", "ID ending"),
    "card_tail": QT_TRANSLATE_NOOP("CustomerTableModel", "Card ending"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _local(ts: dt.datetime) -> QDateTime:
    if ts.tzinfo is None:  # the core stores UTC
        ts = ts.replace(tzinfo=dt.timezone.utc)
    return QDateTime.fromSecsSinceEpoch(int(ts.timestamp()))


def format_last_contact(ts: dt.datetime | None, locale: QLocale | None = None,
                        now: QDateTime | None = None) -> str:
    """Compact, in the UI language: the time for today, else the date ('' when never contacted)."""
    if ts is None:
        return ""
    locale = locale or QLocale()
    local = _local(ts)
    if local.date() == (now or QDateTime.currentDateTime()).date():
        return locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    return format_date(local.date(), locale)


class CustomerTableModel(QAbstractTableModel):
    """Customers matching the search text, best match first unless sorted by name, segment or contact."""

    sig_fetch_failed = Signal(object)  # CrmError: a page could not be read (its rows show empty)

    def __init__(self, source: CustomerSearchSource | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source or CustomerSearchSource.from_core()
        self._text = ""
        self._sort_column = RANK
        self._order = Qt.SortOrder.AscendingOrder
        self._ids: list[int] = []
        self._rows_of: dict[int, int] | None = None  # id -> row, built on first use
        self._matches: dict[int, str] = {}
        self._truncated = False
        self._pages: OrderedDict[int, dict[int, SearchHit]] = OrderedDict()

    # --- queries ---------------------------------------------------------------------------------

    @property
    def query(self) -> str:
        return self._text

    @property
    def truncated(self) -> bool:
        """True when the search hit the id cap: more customers match than the list holds."""
        return self._truncated

    @property
    def sort_column(self) -> int:
        """The column the results are sorted by; RANK (-1) for best match first."""
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._order

    def set_query(self, text: str) -> None:
        """Run the search; raises CrmError (and keeps the old results) when the database fails."""
        text = text.strip()
        ids, matches = self._fetch_ids(text) if text else ([], {})
        self.beginResetModel()
        self._text = text
        self._set_ids(ids)
        self._matches = matches
        self.endResetModel()

    def _fetch_ids(self, text: str) -> tuple[list[int], dict[int, str]]:
        ids = self._source.ids(text, SORT_KEYS.get(self._sort_column, "rank"),
                               self._order == Qt.SortOrder.DescendingOrder)
        return ids, self._source.matches(text)

    def _set_ids(self, ids: list[int]) -> None:
        self._truncated = len(ids) >= self._source.max_ids
        self._ids = list(ids[:self._source.max_ids])
        self._rows_of = None
        self._pages.clear()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query in the core's order for an allowed column (RANK = best match); others are ignored."""
        if column != RANK and column not in SORT_KEYS:
            return
        if (column, order) == (self._sort_column, self._order):
            return
        self._sort_column, self._order = column, order
        if not self._text:
            return
        ids = self._source.ids(self._text, SORT_KEYS.get(column, "rank"), order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids
        persistent = self.persistentIndexList()
        self._set_ids(ids)
        moved = [self._moved(index, old_ids) for index in persistent]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _moved(self, index: QModelIndex | QPersistentModelIndex, old_ids: list[int]) -> QModelIndex:
        row = self.row_of(old_ids[index.row()]) if 0 <= index.row() < len(old_ids) else -1
        return self.index(row, index.column()) if row >= 0 else QModelIndex()

    def refresh_rows(self, customer_ids: Iterable[int]) -> list[int]:
        """Mark the pages holding these customers stale and repaint their rows; returns ids not listed."""
        missing = []
        for cid in customer_ids:
            row = self.row_of(cid)
            if row < 0:
                missing.append(cid)
                continue
            self._pages.pop(row // PAGE_SIZE, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        return missing

    def retranslate(self) -> None:
        """Headers and every displayed text follow a language change (dates follow QLocale's default)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(HEADERS) - 1),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])

    # --- lookups ---------------------------------------------------------------------------------

    def customer_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, customer_id: int) -> int:
        if self._rows_of is None:
            self._rows_of = {cid: row for row, cid in enumerate(self._ids)}
        return self._rows_of.get(customer_id, -1)

    def cached_pages(self) -> list[int]:
        """Page numbers in the cache, least recently used first (for tests and diagnostics)."""
        return list(self._pages)

    def _row(self, row: int) -> SearchHit | None:
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._fetch_page(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._ids[row])

    def _fetch_page(self, page_no: int) -> dict[int, SearchHit]:
        ids = self._ids[page_no * PAGE_SIZE:(page_no + 1) * PAGE_SIZE]
        try:
            page = self._source.rows(ids)
        except CrmError as exc:  # shown by the view; the page stays empty until the next query
            log.warning("reading customers page %d failed: %s", page_no, exc)
            page = {}
            self.sig_fetch_failed.emit(exc)
        self._pages[page_no] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    # --- QAbstractTableModel ---------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _tr(HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section in HEADER_TIPS:
            return _tr(HEADER_TIPS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        cid = self._ids[index.row()]
        if role == CustomerIdRole:
            return cid
        if role == MatchRole:
            return self._matches.get(cid, "")
        column = index.column()
        if column == COL_MATCH:  # known from the query: no page fetch
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                kind = self._matches.get(cid, "")
                return _tr(MATCH_NAMES[kind]) if kind in MATCH_NAMES else kind
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
                        SegmentRole, LastContactRole):
            return None
        hit = self._row(index.row())
        if hit is None:  # deleted since the query ran
            return None
        if role == SegmentRole:
            return hit.segment
        if role == LastContactRole:
            return hit.last_contact_at
        if role == Qt.ItemDataRole.FontRole:
            return self._font(column, hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(column, hit)
        return self._display(column, hit)

    @staticmethod
    def _display(column: int, hit: SearchHit) -> str:
        if column == COL_NAME:
            return hit.name
        if column == COL_PHONE:
            return hit.phone
        if column == COL_SEGMENT:
            return _tr(SEGMENT_NAMES[hit.segment]) if hit.segment in SEGMENT_NAMES else hit.segment
        if column == COL_LAST_CONTACT:
            return format_last_contact(hit.last_contact_at)
        return ""

    @staticmethod
    def _tooltip(column: int, hit: SearchHit) -> str | None:
        if column == COL_LAST_CONTACT and hit.last_contact_at is not None:
            return format_instant(hit.last_contact_at)
        if column == COL_SEGMENT and hit.segment in SEGMENT_TIPS:
            return _tr(SEGMENT_TIPS[hit.segment])
        return None

    @staticmethod
    def _font(column: int, hit: SearchHit) -> QFont | None:
        if column == COL_SEGMENT and hit.segment in ("vip", "private"):  # differentiated service at a glance
            font = QFont()
            font.setBold(True)
            return font
        return None
