"""ProductTableModel: the whole product catalogue (产品目录, a few dozen to a few hundred rows) for the admin screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette

from crm.services.products import ProductRow
from ui import sales_labels
from ui.models.roles import ProductIdRole

(COL_CODE, COL_NAME_ZH, COL_NAME_EN, COL_CATEGORY, COL_RISK, COL_DUAL, COL_ACTIVE) = range(7)
COLUMN_COUNT = 7
_Index = QModelIndex | QPersistentModelIndex
_CENTRED = (COL_RISK, COL_DUAL, COL_ACTIVE)
# How each column sorts; names compare as text, the category by its code (the catalogue's grouping).
_SORT_KEYS: dict[int, Callable[[ProductRow], Any]] = {
    COL_CODE: lambda r: r.code,
    COL_NAME_ZH: lambda r: (r.name_zh, r.code),
    COL_NAME_EN: lambda r: (r.name_en.casefold(), r.code),
    COL_CATEGORY: lambda r: (r.category, r.code),
    COL_RISK: lambda r: (r.risk_level, r.code),
    COL_DUAL: lambda r: (r.dual_recording, r.code),
    COL_ACTIVE: lambda r: (r.active, r.code),
}


class ProductTableModel(QAbstractTableModel):
    """All products, retired ones included (greyed); the rows are the DTOs ``products.list_products`` returns."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ProductRow] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- content -----------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ProductRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._rows.sort(key=_SORT_KEYS[self._sort[0]], reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        self.endResetModel()

    def product(self, row: int) -> ProductRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, product_id: int) -> int:
        """The row showing ``product_id``, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == product_id), -1)

    # --- QAbstractTableModel -----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_DUAL:
            return self.tr("Audio and video recording of the sale (双录) is required")
        return None

    def _headers(self) -> tuple[str, ...]:
        return (self.tr("Code"), self.tr("Chinese name"), self.tr("English name"), self.tr("Category"),
                self.tr("Risk level"), self.tr("Dual recording"), self.tr("On sale"))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.product(index.row())
        if row is None or not 0 <= index.column() < COLUMN_COUNT:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_NAME_ZH, COL_NAME_EN):
            return self._text(row, column) or None
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _CENTRED:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ProductIdRole:
            return row.id
        return None

    def _text(self, row: ProductRow, column: int) -> str:
        if column == COL_CODE:
            return row.code
        if column == COL_NAME_ZH:
            return row.name_zh
        if column == COL_NAME_EN:
            return row.name_en
        if column == COL_CATEGORY:
            return sales_labels.category_label(row.category)
        if column == COL_RISK:
            return sales_labels.risk_level_label(row.risk_level)
        if column == COL_DUAL:
            return self.tr("Required") if row.dual_recording else ""
        return self.tr("Yes") if row.active else self.tr("No (retired)")

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in _SORT_KEYS:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in before]
        self._rows.sort(key=_SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)
        where = {r.id: n for n, r in enumerate(self._rows)}
        after = [self.index(where[pid], old.column()) for pid, old in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def retranslate(self) -> None:
        """The UI language changed: headers and the translated cells are new text."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COLUMN_COUNT - 1),
                                  [Qt.ItemDataRole.DisplayRole])
