"""CustomerSearchSource: the customer-search calls the list model and the workspace make, in one object.

The default binds ``crm.services.search``; tests pass small fakes. Nothing here touches Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crm.services.search import SearchHit


@dataclass(frozen=True)
class CustomerSearchSource:
    ids: Callable[[str, str, bool], list[int]]  # (text, sort, descending) -> ids, at most max_ids
    matches: Callable[[str], dict[int, str]]  # text -> {id: match kind} for the same candidates
    rows: Callable[[Sequence[int]], dict[int, SearchHit]]  # one page of rows, phone masked
    search: Callable[[str, int], list[SearchHit]]  # (text, limit) -> best hits first (screen pop)
    max_ids: int = 2000

    @classmethod
    def from_core(cls) -> CustomerSearchSource:
        from crm.services import search

        def ids(text: str, sort: str, descending: bool) -> list[int]:
            return search.search_ids(text, sort=sort, descending=descending, cap=search.MAX_IDS)

        return cls(ids=ids, matches=_core_matches, rows=search.list_rows,
                   search=lambda text, limit: search.search(text, limit=limit), max_ids=search.MAX_IDS)


def _core_matches(text: str) -> dict[int, str]:
    from crm.services import search

    return search.search_matches(text, cap=search.MAX_IDS)
