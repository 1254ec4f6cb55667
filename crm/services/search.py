"""Find the caller: one text box over names, pinyin, initials, phone digits and ID/card tails.

Every path is a prefix range on ``customer_search_key(kind, key)`` (see crm/search_keys.py); results are
ranked exact phone match first, then exact name/pinyin/initials, then the rest by last contact.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from crm import identifiers, names, search_keys
from crm.models import Customer, CustomerCard, CustomerPhone, CustomerSearchKey
from crm.models.fields import parse_utc

DEFAULT_LIMIT = 50
MAX_IDS = 2000  # the list model's snapshot; more matches than this means "refine the search"
SORTS = ("rank", "name", "last_contact", "segment")
_ID_TAIL = re.compile(r"^\d{3,5}[xX]$")
_SEGMENT_ORDER = {"private": 0, "vip": 1, "standard": 2}
_SORT_COLUMNS = {"name": "name_pinyin", "last_contact": "last_contact_at", "segment": "segment"}


@dataclass(frozen=True)
class SearchHit:
    id: int
    name: str
    phone: str  # masked
    segment: str
    last_contact_at: dt.datetime | None
    match: str  # which path found it: phone_exact, phone, name, pinyin, initials, id_tail, card_tail


@dataclass(frozen=True)
class _Query:
    paths: tuple[tuple[str, str, bool], ...]  # (kind, key, exact_only)
    exact_phone: str | None = None


def _classify(text: str) -> _Query:
    raw = names.fold(text or "").strip()
    if not raw:
        return _Query(())
    compact = re.sub(r"[\s\-()（）]", "", raw)
    if _ID_TAIL.match(compact):
        return _Query(((search_keys.KIND_ID_TAIL, compact.upper(), True),))
    if re.fullmatch(r"\+?\d+", compact):
        digits = identifiers.caller_digits(compact)
        if len(digits) < search_keys.MIN_DIGITS:
            return _Query(())
        paths = [(search_keys.KIND_PHONE, digits, False)]
        if len(digits) <= max(search_keys.TAIL_LENGTHS):
            paths += [(search_keys.KIND_ID_TAIL, digits, True), (search_keys.KIND_CARD_TAIL, digits, True)]
        return _Query(tuple(paths), exact_phone=digits if len(digits) >= 7 else None)
    query = names.parse_query(raw)
    if query.kind == "hanzi":
        return _Query(((search_keys.KIND_NAME, query.value.replace(" ", ""), False),))
    if query.kind == "pinyin":
        paths = [(search_keys.KIND_PINYIN, query.value, False)]
        if query.is_initials_candidate:
            paths.append((search_keys.KIND_INITIALS, query.value, False))
        return _Query(tuple(paths))
    return _Query(((search_keys.KIND_NAME, raw.replace(" ", ""), False),))


def _candidates(query: _Query, cap: int) -> dict[int, tuple[int, str]]:
    """customer id -> (rank tier, match kind); smaller tier ranks first."""
    found: dict[int, tuple[int, str]] = {}
    for kind, key, exact in query.paths:
        condition = (CustomerSearchKey.kind == kind) & (CustomerSearchKey.key >= key)
        condition &= (CustomerSearchKey.key == key) if exact else (
            CustomerSearchKey.key < search_keys.prefix_upper_bound(key))
        rows = (CustomerSearchKey.select(CustomerSearchKey.customer, CustomerSearchKey.key)
                .where(condition).order_by(CustomerSearchKey.kind, CustomerSearchKey.key).limit(cap).tuples())
        whole: list[int] = []
        for cid, matched in rows:
            tier = 1 if matched == key else 2
            if query.exact_phone and kind == search_keys.KIND_PHONE and matched == query.exact_phone:
                whole.append(cid)
            if cid not in found or found[cid][0] > tier:
                found[cid] = (tier, _MATCH_NAMES[kind])
        if whole:  # the key equals the digits: a whole stored number, or only the tail of a longer one?
            for (cid,) in (CustomerPhone.select(CustomerPhone.customer)
                           .where(CustomerPhone.customer.in_(whole) & (CustomerPhone.number == query.exact_phone))
                           .tuples()):
                found[cid] = (0, "phone_exact")
        if len(found) >= cap:
            break
    return found


_MATCH_NAMES = {
    search_keys.KIND_NAME: "name", search_keys.KIND_PINYIN: "pinyin", search_keys.KIND_INITIALS: "initials",
    search_keys.KIND_PHONE: "phone", search_keys.KIND_ID_TAIL: "id_tail", search_keys.KIND_CARD_TAIL: "card_tail",
}


def search(text: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """The best ``limit`` matches, best first."""
    limit = max(1, min(int(limit), MAX_IDS))
    found = _candidates(_classify(text), cap=max(limit * 4, 200))
    if not found:
        return []
    top = _ranked(found)[:limit]  # whole rows (with the phone) only for what is shown
    rows = _summary_rows(top)
    return [SearchHit(id=cid, name=rows[cid][1], phone=identifiers.mask_phone(rows[cid][2]) if rows[cid][2] else "",
                      segment=rows[cid][3], last_contact_at=rows[cid][4], match=found[cid][1])
            for cid in top if cid in rows]


def _ranked(found: dict[int, tuple[int, str]]) -> list[int]:
    """Exact phone first, then exact keys, then prefixes; most recently contacted first within a tier."""
    recency = _last_contacts(list(found))
    # Timestamps are fixed-width ISO text (crm.models.fields), so text order is time order.
    by_recency = sorted(found, key=lambda cid: (recency.get(cid) or "", -cid), reverse=True)
    return sorted(by_recency, key=lambda cid: found[cid][0])  # stable: recency order kept within a tier


def search_ids(text: str, sort: str = "rank", descending: bool = False, cap: int = MAX_IDS) -> list[int]:
    """IDs of matching customers in the requested order (the list model's snapshot)."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    found = _candidates(_classify(text), cap=cap)
    if not found:
        return []
    if sort == "rank":
        ids = _ranked(found)
        return ids[::-1] if descending else ids
    values = _column_values(list(found), _SORT_COLUMNS[sort])
    known = sorted(cid for cid in found if values.get(cid) is not None)  # ids ascending break ties
    key = (lambda cid: _SEGMENT_ORDER.get(values[cid], 9)) if sort == "segment" else values.__getitem__
    never = sorted(cid for cid in found if values.get(cid) is None)  # e.g. never contacted: last either way
    return sorted(known, key=key, reverse=descending) + never


def search_matches(text: str, cap: int = MAX_IDS) -> dict[int, str]:
    """How each candidate matched (phone_exact, name, pinyin, …), for the list's "matched by" column."""
    return {cid: match for cid, (_tier, match) in _candidates(_classify(text), cap=cap).items()}


def _in_list(n: int) -> str:
    """``?, ?, …`` (or ``%s, …``) for n bound parameters; values are always bound, never formatted in."""
    return ", ".join([Customer._meta.database.param] * n)


def _last_contacts(ids: list[int]) -> dict[int, str | None]:
    return _column_values(ids, "last_contact_at")


def _column_values(ids: list[int], column: str) -> dict[int, object]:
    """id -> one customer column as stored (timestamps stay ISO text, which sorts as time). Plain SQL: this
    runs on every keystroke; ``column`` comes from the module's own allow-list, never from the caller."""
    if column not in _SORT_COLUMNS.values():
        raise ValueError(f"not a sortable customer column: {column!r}")
    out: dict[int, object] = {}
    database = Customer._meta.database
    for chunk in _chunks(ids, 500):
        sql = f'SELECT "id", "{column}" FROM "customer" WHERE "id" IN ({_in_list(len(chunk))})'
        out.update(database.execute_sql(sql, list(chunk)).fetchall())
    return out


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def list_rows(ids: Sequence[int]) -> dict[int, SearchHit]:
    """One page of the list model: id -> row with the phone masked (``match`` is empty)."""
    return {cid: SearchHit(id=r[0], name=r[1], phone=identifiers.mask_phone(r[2]) if r[2] else "",
                           segment=r[3], last_contact_at=r[4], match="")
            for cid, r in _summary_rows(list(ids)).items()}


def _summary_rows(ids: list[int]) -> dict[int, tuple]:
    """id -> (id, name, primary phone digits, segment, last_contact_at) for up to a few thousand ids."""
    database = Customer._meta.database
    out: dict[int, tuple] = {}
    for chunk in _chunks(ids, 500):
        sql = ('SELECT c."id", c."name", (SELECT p."number" FROM "customer_phone" p WHERE p."customer_id" = c."id" '
               'ORDER BY p."is_primary" DESC, p."id" LIMIT 1), c."segment", c."last_contact_at" '
               f'FROM "customer" c WHERE c."id" IN ({_in_list(len(chunk))})')
        for cid, name, phone, segment, last in database.execute_sql(sql, list(chunk)).fetchall():
            out[cid] = (cid, name, phone, segment, parse_utc(last) if last else None)
    return out


# --- maintaining the keys ---------------------------------------------------------------------------

def reindex_customers(customer_ids: Iterable[int] | None = None, batch: int = 2000) -> int:
    """Rebuild the search keys of the given customers (all when None). Returns the number of keys written."""
    database = Customer._meta.database
    ids = list(customer_ids) if customer_ids is not None else [
        r[0] for r in Customer.select(Customer.id).order_by(Customer.id).tuples()]
    written = 0
    for chunk in _chunks(ids, batch):
        with database.atomic():
            CustomerSearchKey.delete().where(CustomerSearchKey.customer.in_(chunk)).execute()
            rows = _keys_for(chunk)
            for part in _chunks(rows, 300):
                CustomerSearchKey.insert_many(part, fields=[CustomerSearchKey.customer, CustomerSearchKey.kind,
                                                            CustomerSearchKey.key]).execute()
            written += len(rows)
    return written


def _keys_for(customer_ids: Sequence[int]) -> list[tuple[int, str, str]]:
    base = list(Customer.select(Customer.id, Customer.name, Customer.id_number)
                .where(Customer.id.in_(customer_ids)).tuples())
    phones: dict[int, list[str]] = {}
    for cid, number in (CustomerPhone.select(CustomerPhone.customer, CustomerPhone.number)
                        .where(CustomerPhone.customer.in_(customer_ids)).tuples()):
        phones.setdefault(cid, []).append(number)
    cards: dict[int, list[str]] = {}
    for cid, number in (CustomerCard.select(CustomerCard.customer, CustomerCard.card_number)
                        .where(CustomerCard.customer.in_(customer_ids)).tuples()):
        cards.setdefault(cid, []).append(number)
    all_keys = names.name_keys_many([name for _cid, name, _idn in base])
    rows: list[tuple[int, str, str]] = []
    for (cid, name, id_number), nk in zip(base, all_keys):
        for kind, key in search_keys.customer_keys(name, nk, phones.get(cid, ()), id_number, cards.get(cid, ())):
            rows.append((cid, kind, key))
    return rows
