"""Search and sort keys for customer names: folding, pinyin with surname readings, query parsing."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    import opencc

# Surname readings that differ from the everyday reading pypinyin picks for the character alone.
_SURNAMES: dict[str, str] = {
    "单": "shan", "曾": "zeng", "解": "xie", "区": "ou", "仇": "qiu", "朴": "piao", "查": "zha",
    "盖": "ge", "乐": "yue", "缪": "miao", "召": "shao", "覃": "qin", "种": "chong", "秘": "bi",
    "句": "gou", "员": "yun", "隗": "wei", "繁": "po", "翟": "zhai", "祭": "zhai", "折": "she",
    "阚": "kan", "薄": "bo", "能": "nai", "都": "du", "藏": "zang", "蕃": "pi", "乾": "qian",
}
_COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "万俟": ("mo", "qi"), "尉迟": ("yu", "chi"), "长孙": ("zhang", "sun"), "澹台": ("tan", "tai"),
    "欧阳": ("ou", "yang"), "司马": ("si", "ma"), "诸葛": ("zhu", "ge"), "上官": ("shang", "guan"),
    "皇甫": ("huang", "fu"), "令狐": ("ling", "hu"), "宇文": ("yu", "wen"), "东方": ("dong", "fang"),
    "公孙": ("gong", "sun"), "慕容": ("mu", "rong"), "夏侯": ("xia", "hou"), "司徒": ("si", "tu"),
}
# Per-character defaults that are wrong for most given names (李长江 is chang, not zhang; 卜 is bu).
_GIVEN_NAME_READINGS: dict[str, str] = {"长": "chang", "卜": "bu"}
# t2s folds these into a character with another reading (乾 -> 干 gan); a name keeps the original.
_T2S_KEEP = frozenset("乾")

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_TOKEN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]|[a-z]+")
_HAN_NAME_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_ACCENTED_RE = re.compile(r"[\u00c0-\u024f]")
_SURNAME_STARTS = frozenset(_SURNAMES) | {name[0] for name in _COMPOUND_SURNAMES}
_readings: dict[str, str] = dict(_GIVEN_NAME_READINGS)


class NameKeys(NamedTuple):
    """A NamedTuple rather than a frozen dataclass: 2.4x cheaper to build, which counts for 100k names."""

    pinyin: str
    initials: str
    alt_pinyin: tuple[str, ...] = ()
    alt_initials: tuple[str, ...] = ()


QueryKind = Literal["hanzi", "pinyin", "digits", "text", "empty"]


@dataclass(frozen=True)
class NameQuery:
    kind: QueryKind
    value: str
    is_initials_candidate: bool = False


@functools.cache
def _t2s() -> opencc.OpenCC:
    import opencc  # imported on first use: start-up time matters

    return opencc.OpenCC("t2s")


def _reading(token: str) -> str:
    """Toneless default reading of a character ('' if none) or a latin word itself; characters cached."""
    if token.isascii():
        return token
    cached = _readings.get(token)
    if cached is None:
        from pypinyin import Style, lazy_pinyin

        found = lazy_pinyin(token, style=Style.NORMAL, errors="ignore")
        cached = _readings[token] = "".join(c for c in (found[0] if found else "") if "a" <= c <= "z")
    return cached


def _prefold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def _t2s_many(prefolded: list[str]) -> list[str]:
    if all(s.isascii() for s in prefolded):
        return prefolded
    # One conversion call for the whole batch is 7x faster than one per name; '\n' is never in a phrase.
    converted = _t2s().convert("\n".join(prefolded)).split("\n")
    return [_keep_originals(before, after) for before, after in zip(prefolded, converted, strict=True)]


def _keep_originals(before: str, after: str) -> str:
    if len(before) != len(after) or not _T2S_KEEP.intersection(before):
        return after
    return "".join(b if b in _T2S_KEEP else a for b, a in zip(before, after, strict=True))


def fold(text: str) -> str:
    """Full-width to half-width, traditional to simplified, lowercase, single spaces."""
    return _t2s_many([_prefold(text)])[0]


def _syllables(folded: str) -> tuple[list[str], list[str], list[str]]:
    """Tokens (characters or latin words), their readings with surname rules, and their default readings."""
    if _HAN_NAME_RE.fullmatch(folded):
        tokens = list(folded)
    else:
        if _ACCENTED_RE.search(folded):  # José -> jose, Lü -> lu
            folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
        tokens = _TOKEN_RE.findall(folded)
    # Per-character cache rather than pypinyin per name: 30x faster for bulk indexing.
    get = _readings.get
    default = [get(tok) or _reading(tok) for tok in tokens]
    if not tokens or tokens[0] not in _SURNAME_STARTS:
        return tokens, default, default
    primary = list(default)
    if len(tokens) >= 2 and (compound := _COMPOUND_SURNAMES.get(tokens[0] + tokens[1])):
        primary[0:2] = compound
    elif tokens[0] in _SURNAMES:
        primary[0] = _SURNAMES[tokens[0]]
    return tokens, primary, default


def _keys(folded: str) -> NameKeys:
    _, primary, default = _syllables(folded)
    pinyin, initials = "".join(primary), "".join([s[:1] for s in primary])
    if primary is default:
        return NameKeys(pinyin, initials)
    alt_pinyin, alt_initials = "".join(default), "".join([s[:1] for s in default])
    return NameKeys(
        pinyin,
        initials,
        (alt_pinyin,) if alt_pinyin != pinyin else (),
        (alt_initials,) if alt_initials != initials else (),
    )


def split_surname(name: str) -> tuple[str, str]:
    """(surname, given name) of a name written in Han characters: 欧阳修 -> (欧阳, 修), 张三丰 -> (张, 三丰).

    A compound surname (the same table the pinyin keys use) is kept whole when a given name follows it; a
    one-character name is all surname. Latin names are the caller's business (word order differs).
    """
    if len(name) > 2 and name[:2] in _COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def name_keys(name: str) -> NameKeys:
    return _keys(fold(name))


def name_keys_many(names: Iterable[str]) -> list[NameKeys]:
    """Keys for a batch (imports, re-indexing): one t2s call, readings cached per character."""
    memo: dict[str, NameKeys] = {}  # real customer lists repeat names (张伟) a lot
    result = []
    for folded in _t2s_many([_prefold(n) for n in names]):
        keys = memo.get(folded)
        if keys is None:
            keys = memo[folded] = _keys(folded)
        result.append(keys)
    return result


def pinyin_sort_key(name: str) -> str:
    """Orders by syllable, then groups equal syllables by character (all 李 before 梁, 张 apart from 章)."""
    tokens, primary, _ = _syllables(fold(name))
    # \x01 and \x02 sort below letters, so 'li|李' precedes 'liang|梁' and a shorter name its extensions.
    pairs = zip(tokens, primary, strict=True)
    return "\x02".join(reading if token.isascii() else f"{reading}\x01{token}" for token, reading in pairs)


def parse_query(text: str) -> NameQuery:
    """Classify a search-box string: Chinese characters, pinyin letters, or digits."""
    compact = "".join(fold(text).split())
    if not compact:
        return NameQuery("empty", "")
    if _HAN_RE.search(compact):
        return NameQuery("hanzi", compact)
    letters = compact.replace("'", "").replace("ü", "v")
    if re.fullmatch(r"[a-z]+", letters):
        return NameQuery("pinyin", letters, len(letters) <= 4)
    if re.fullmatch(r"\+?[0-9()\-]*[0-9][0-9()\-]*", compact):
        return NameQuery("digits", re.sub(r"[^0-9]", "", compact))
    return NameQuery("text", compact)
