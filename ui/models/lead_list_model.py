"""LeadListModel: the sales leads of one filter as an ID list, rows fetched a page at a time (LRU cache)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from crm.services import leads
from crm.services.leads import LeadFilter, LeadRow
from ui import sales_labels
from ui.formats import format_instant
from ui.models.roles import CustomerIdRole, LeadBlockRole, LeadIdRole, LeadStateRole

(COL_CREATED, COL_STATE, COL_PRODUCT, COL_CATEGORY, COL_RISK, COL_CUSTOMER, COL_MOBILE, COL_AGENT, COL_AGE,
 COL_BLOCKED, COL_DUAL) = range(11)
COLUMN_COUNT = 11
PAGE_SIZE = 150
MAX_PAGES = 20  # pages kept in the cache; the least recently used one goes first
BLOCKED_BRUSH = QBrush(QColor("#f9c4c0"))  # red: cannot go to sales as it is
OVERRIDDEN_BRUSH = QBrush(QColor("#ffe8b3"))  # amber: a supervisor let it through
DARK_TEXT = QBrush(QColor("#1c1b1f"))
_Index = QModelIndex | QPersistentModelIndex
# Column -> (ascending sort, descending sort), as allowed by leads.lead_ids; other columns do not sort.
SORTS: dict[int, tuple[str, str]] = {
    COL_CREATED: ("created_asc", "created_desc"),
    COL_AGE: ("created_desc", "created_asc"),
    COL_STATE: ("state_asc", "state_desc"),
    COL_PRODUCT: ("product_asc", "product_desc"),
    COL_RISK: ("risk_asc", "risk_desc"),
    COL_AGENT: ("referrer_asc", "referrer_desc"),
}
DEFAULT_SORT = "created_desc"


class LeadListModel(QAbstractTableModel):
    """Rows are lead ids in the order ``leads.lead_ids`` returned; ``flags()`` and ids never query."""

    def __init__(self, parent=None, *, ids_source: Callable[[LeadFilter, str], list[int]] = leads.lead_ids,
                 rows_source: Callable[[Sequence[int]], list[LeadRow]] = leads.lead_rows) -> None:
        super().__init__(parent)
        self._ids_source = ids_source
        self._rows_source = rows_source
        self._filter = LeadFilter()
        self._sort = DEFAULT_SORT
        self._ids: list[int] = []
        self._queried = False
        self._pages: OrderedDict[int, dict[int, LeadRow]] = OrderedDict()

    # --- querying ------------------------------------------------------------------------------------

    def set_filter(self, filter_: LeadFilter) -> None:
        self._filter = filter_
        self.refresh()

    def filter(self) -> LeadFilter:
        return self._filter

    def sort_key(self) -> str:
        return self._sort

    def refresh(self) -> None:
        """Read the ids again (the filter's leads may have changed) and forget every cached row."""
        self.beginResetModel()
        self._ids = list(self._ids_source(self._filter, self._sort))
        self._queried = True
        self._pages.clear()
        self.endResetModel()

    def invalidate(self) -> None:
        """Cached rows are stale (a lead changed): drop them and repaint, keeping the ids and their order."""
        if not self._ids:
            return
        self._pages.clear()
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, COLUMN_COUNT - 1))

    def relabel(self) -> None:
        """The language changed: repaint every cell from the cached rows (they hold codes, not words)."""
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, COLUMN_COUNT - 1))

    def lead_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def lead_ids(self) -> list[int]:
        return list(self._ids)

    def row_of(self, lead_id: int) -> int:
        try:
            return self._ids.index(lead_id)
        except ValueError:
            return -1

    def lead(self, row: int) -> LeadRow | None:
        return self._row(row) if 0 <= row < len(self._ids) else None

    def cached_pages(self) -> int:
        return len(self._pages)

    def _row(self, row: int) -> LeadRow | None:
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            start = page_no * PAGE_SIZE
            ids = self._ids[start:start + PAGE_SIZE]
            page = {item.id: item for item in self._rows_source(ids)}
            self._pages[page_no] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._ids[row])  # None: deleted since the ids were read

    # --- Qt model ------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Created"), self.tr("State"), self.tr("Product"), self.tr("Category"),
                self.tr("Risk level"), self.tr("Customer"), self.tr("Mobile"), self.tr("Referred by"),
                self.tr("Age (days)"), self.tr("Blocked / overridden"), self.tr("Dual recording"))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_DUAL:
            return self.tr("Audio and video recording of the sale (dual recording) is required")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Asks the core for the ids in the new order (allow-listed sorts only); other columns are ignored."""
        keys = SORTS.get(column)
        if keys is None:
            return
        sort = keys[0] if order == Qt.SortOrder.AscendingOrder else keys[1]
        if sort == self._sort and self._queried:
            return
        self._sort = sort
        if not self._queried:  # nothing read yet (a view enabling sorting): the first refresh uses it
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._ids[i.row()] if 0 <= i.row() < len(self._ids) else None for i in old]
        self._ids = list(self._ids_source(self._filter, self._sort))
        self._pages.clear()
        positions = {lead_id: row for row, lead_id in enumerate(self._ids)}
        new = [self.index(positions[lid], i.column()) if lid in positions else QModelIndex()
               for i, lid in zip(old, old_ids, strict=True)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids) or index.model() is not self:
            return None
        if role == LeadIdRole:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole, CustomerIdRole,
                        LeadStateRole, LeadBlockRole):
            return None
        item = self._row(index.row())
        if item is None:
            return None
        column = index.column()
        if role == CustomerIdRole:
            return item.customer_id
        if role == LeadStateRole:
            return str(item.state)
        if role == LeadBlockRole:
            return item.block_reason
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(item)
        if role == Qt.ItemDataRole.ForegroundRole:
            return DARK_TEXT if self._background(item) is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (COL_AGE, COL_RISK):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(column, item)
        return self._display(column, item)

    @staticmethod
    def _background(item: LeadRow) -> QBrush | None:
        if item.block_reason and item.overridden:
            return OVERRIDDEN_BRUSH
        if item.block_reason:
            return BLOCKED_BRUSH
        return None

    def _display(self, column: int, item: LeadRow) -> str:
        if column == COL_CREATED:
            return format_instant(item.created_at)
        if column == COL_STATE:
            return sales_labels.lead_state_label(item.state)
        if column == COL_PRODUCT:
            return sales_labels.product_name(item)
        if column == COL_CATEGORY:
            return sales_labels.category_label(item.category)
        if column == COL_RISK:
            return f"R{item.risk_level}"
        if column == COL_CUSTOMER:
            return item.customer_name
        if column == COL_MOBILE:
            return item.customer_mobile or ""
        if column == COL_AGENT:
            return item.referred_by_name
        if column == COL_AGE:
            return str(item.age_days)
        if column == COL_BLOCKED:
            return self._blocked_text(item)
        if column == COL_DUAL:
            return self.tr("Required") if item.dual_recording_required else ""
        return ""

    def _blocked_text(self, item: LeadRow) -> str:
        if not item.block_reason:
            return ""
        title = sales_labels.check_title(item.block_reason)
        if item.overridden:
            return self.tr("{rule} (overridden)").format(rule=title)
        return title

    def _tooltip(self, column: int, item: LeadRow) -> str | None:
        if column == COL_BLOCKED and item.block_reason:
            text = sales_labels.check_sentence(item.block_reason)
            if item.overridden:
                text += "\n" + self.tr("Overridden by a supervisor.")
            return text
        if column == COL_DUAL and item.dual_recording_required:
            return self.tr("Audio and video recording of the sale (dual recording) is required")
        return None
