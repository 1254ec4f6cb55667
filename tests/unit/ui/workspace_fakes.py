"""Stand-ins for the workspace's collaborators: the customer panel, the signed-in user, the search calls."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from crm.services.search import SearchHit
from ui.models.customer_search_source import CustomerSearchSource


class FakeCustomerPanel(QWidget):
    """Has the CustomerPanel interface (show_customer, show_new_customer, sig_customer_saved); records calls."""

    sig_customer_saved = Signal(int)

    def __init__(self, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.calls: list[tuple[str, object]] = []
        self.label = QLabel("customer panel", self)
        QVBoxLayout(self).addWidget(self.label)

    def show_customer(self, customer_id: int) -> None:
        self.calls.append(("customer", customer_id))

    def show_new_customer(self, phone: str = "") -> None:
        self.calls.append(("new", phone))


def fake_actor(name: str = "王小明", role: str = "agent") -> SimpleNamespace:
    return SimpleNamespace(id=7, username="wangxm", display_name=name, role=role, active=True)


def hit(cid: int, name: str, match: str = "name", segment: str = "standard") -> SearchHit:
    return SearchHit(cid, name, "138****0000", segment, dt.datetime(2024, 5, 3, 6, 5, tzinfo=dt.timezone.utc),
                     match)


class FakeSearch:
    """An in-memory customer search: ``people`` maps id -> (name, full phone, segment)."""

    def __init__(self, people: dict[int, tuple[str, str, str]] | None = None) -> None:
        self.people = dict(people or {})
        self.queries: list[str] = []
        self.error: Exception | None = None  # raised by every call while set
        self.source = CustomerSearchSource(ids=self.ids, matches=self.matches, rows=self.rows,
                                           search=self.search)

    def _match(self, text: str, cid: int) -> str:
        name, phone, _segment = self.people[cid]
        if text == phone:
            return "phone_exact"
        if text.isdigit() and len(text) >= 4 and text in phone:  # the core needs 4 digits (MIN_DIGITS)
            return "phone"
        return "name" if text and text in name else ""

    def ids(self, text: str, sort: str, descending: bool) -> list[int]:
        self.queries.append(text)
        if self.error is not None:
            raise self.error
        found = [cid for cid in sorted(self.people) if self._match(text, cid)]
        found.sort(key=lambda cid: self._match(text, cid) != "phone_exact")
        return found[::-1] if descending else found

    def matches(self, text: str) -> dict[int, str]:
        return {cid: m for cid in self.people if (m := self._match(text, cid))}

    def rows(self, ids) -> dict[int, SearchHit]:
        return {cid: hit(cid, self.people[cid][0], "", self.people[cid][2]) for cid in ids if cid in self.people}

    def search(self, text: str, limit: int) -> list[SearchHit]:
        found = self.ids(text, "rank", False)[:limit]
        return [hit(cid, self.people[cid][0], self._match(text, cid)) for cid in found]
