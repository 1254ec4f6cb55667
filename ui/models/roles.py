"""Custom item-data roles shared by every model and view (one module, so numbers never collide)."""

from __future__ import annotations

from PySide6.QtCore import Qt

_BASE = int(Qt.ItemDataRole.UserRole)

CustomerIdRole = _BASE + 1  # int: the customer's database id (answered without fetching the row)
MatchRole = _BASE + 2  # str: how the search found the row (phone_exact, phone, name, pinyin, …)
SegmentRole = _BASE + 3  # str: the segment code (standard, vip, private), untranslated
LastContactRole = _BASE + 4  # datetime | None: last contact, aware UTC
LeadIdRole = _BASE + 50  # int: the sales lead's id (answered without fetching the row)
LeadStateRole = _BASE + 51  # str: the lead state code (new, handed_over, …), untranslated
LeadBlockRole = _BASE + 52  # str | None: the blocking check code (block_reason), untranslated
ProductIdRole = _BASE + 60  # int: the catalogue product's database id
