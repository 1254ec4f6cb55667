"""Derived search keys for a customer: every search path becomes a prefix range on one (kind, key) index.

- name: every suffix of the folded name, so "any part of the name" is a prefix of some suffix;
- py / ini: full pinyin and initials, with the surname-reading variants (单 shan and dan);
- ph: every suffix of each phone number of length >= 4, so any 4+ consecutive digits are a prefix;
- idt / card: the last 4, 5 and 6 characters of the ID number and of each card number (exact match).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from crm import names

KIND_NAME = "name"
KIND_PINYIN = "py"
KIND_INITIALS = "ini"
KIND_PHONE = "ph"
KIND_ID_TAIL = "idt"
KIND_CARD_TAIL = "card"
MIN_DIGITS = 4
TAIL_LENGTHS = (4, 5, 6)


def name_keys(name: str, keys: names.NameKeys) -> Iterator[tuple[str, str]]:
    folded = names.fold(name).replace(" ", "")
    for i in range(len(folded)):
        yield KIND_NAME, folded[i:]
    for pinyin in dict.fromkeys((keys.pinyin, *keys.alt_pinyin)):
        if pinyin:
            yield KIND_PINYIN, pinyin
    for initials in dict.fromkeys((keys.initials, *keys.alt_initials)):
        if initials:
            yield KIND_INITIALS, initials


def phone_keys(number: str) -> Iterator[tuple[str, str]]:
    digits = "".join(ch for ch in number if ch.isdigit())
    for i in range(len(digits) - MIN_DIGITS + 1):
        yield KIND_PHONE, digits[i:]


def tail_keys(kind: str, value: str | None) -> Iterator[tuple[str, str]]:
    if not value:
        return
    for n in TAIL_LENGTHS:
        if len(value) >= n:
            yield kind, value[-n:]


def customer_keys(name: str, name_keys_: names.NameKeys, phones: Iterable[str], id_number: str | None,
                  cards: Iterable[str]) -> list[tuple[str, str]]:
    """All keys of one customer, without duplicates, in a stable order."""
    keys: list[tuple[str, str]] = list(name_keys(name, name_keys_))
    for number in phones:
        keys.extend(phone_keys(number))
    keys.extend(tail_keys(KIND_ID_TAIL, id_number))
    for card in cards:
        keys.extend(tail_keys(KIND_CARD_TAIL, card))
    return list(dict.fromkeys(keys))


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix`` (for ``key < ?``)."""
    return prefix + "\U0010ffff"
