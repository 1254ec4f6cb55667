"""Phrase rules over free text: sales opportunities (商机), telecom-fraud signals (反诈) and complaint escalation.

Three editable TOML files feed one Aho–Corasick automaton (all phrases of all rules, one pass per text):

- ``resources/rules/opportunities.toml``: ``[[rule]]`` with Chinese/English phrases, the product codes and the
  ProductCategory it suggests; a negation word shortly before the phrase in the same clause cancels it
  ("没有出国打算", "I don't need a mortgage");
- ``resources/rules/fraud.toml``: ``[[rule]]`` with an explanation and a dissuasion script (劝阻话术); negation
  does not cancel these by default ("他说不转到安全账户就冻结" is still fraud);
- ``resources/rules/complaint_escalation.toml`` (shared with crm.services.cases): ``[[phrase]]`` text, priority.

Matching runs on a folded copy of the text: full-width letters and digits half-width (NFKC), lower case,
traditional characters simplified (OpenCC t2s, one character at a time so that positions survive). Evidence
offsets point into the ORIGINAL text: ``evidence.text == text[evidence.start:evidence.end]`` always.

Per-rule exclusions (and a file-wide ``exclude`` list) cancel a hit when they occur in the same sentence;
for fraud rules only in the same CLAUSE (cut also at ，,、：: and …), and the detector then goes on to the
rule's later matches (overlapping regex matches included): "已提醒客户验证码不要告诉任何人，但客户已经把验证码告诉
对方了" is fraud. A missed fraud costs far more than a false alarm.
Regular expressions are allowed where a phrase is not enough; each needs ``anchors``, literals that must be
found first, so no regex runs over a text that cannot match. A fraud finding suppresses every opportunity
finding of the text (never turn such an interaction into a lead); escalation findings are always returned.
"""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick

from crm import paths
from crm.codes import CasePriority, ProductCategory
from crm.errors import ValidationError

KIND_OPPORTUNITY = "opportunity"
KIND_FRAUD = "fraud"
KIND_ESCALATION = "escalation"
KINDS = (KIND_FRAUD, KIND_ESCALATION, KIND_OPPORTUNITY)  # output order: the most urgent first
ESCALATION_PREFIX = "escalation:"
ESCALATION_GROUP = 3  # the escalation file's own ``exclude`` list (opportunities are group 1, fraud 2)


# --- results --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Evidence:
    start: int  # offsets into the ORIGINAL text
    end: int
    text: str  # == original[start:end]


@dataclass(frozen=True)
class Finding:
    kind: str  # "opportunity" | "fraud" | "escalation"
    rule: str  # rule id from the file ("escalation:<phrase>" for escalation phrases)
    category: str | None  # ProductCategory code for opportunities, None otherwise
    products: tuple[str, ...]  # product codes suggested (opportunities), () otherwise
    evidence: Evidence
    explanation_zh: str
    explanation_en: str
    script_zh: str = ""  # 劝阻话术 for fraud findings
    script_en: str = ""
    priority: str | None = None  # escalation findings: CasePriority code


@dataclass(frozen=True)
class RuleInfo:
    id: str
    kind: str
    explanation_zh: str
    explanation_en: str
    category: str | None = None
    products: tuple[str, ...] = ()
    script_zh: str = ""
    script_en: str = ""
    priority: str | None = None
    phrases: tuple[str, ...] = ()  # as written in the file (zh then en)
    file: str = ""
    line: int | None = None


class RulesError(ValidationError):
    """A rules file that cannot be used: ``details`` name the file, line, rule id (or ``#n``) and reason.

    Reasons: toml_syntax, unreadable, unknown_key, not_a_table, missing_id, bad_id, duplicate_id (``first_line``,
    ``first_file``), missing_phrases, empty_phrase, bad_type, missing_explanation, missing_script,
    missing_category, unknown_category, missing_products, unknown_product, bad_regex (``error``),
    regex_matches_empty, regex_needs_anchor, bad_priority, bad_negation.
    """

    def __init__(self, *, file: str, line: int | None, rule: str | None, reason: str, **extra: Any) -> None:
        super().__init__("bad_rules", file=file, line=line, rule=rule, reason=reason, **extra)


# --- folding with positions -----------------------------------------------------------------------

# CJK punctuation stays as typed (it only ever separates clauses): folding it would send nearly every Chinese
# note through the slow path for nothing. The ellipsis would grow to "..." and shift every later position.
_KEEP = frozenset("！（），：；？…‥")
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\uff07": "'"}  # don’t -> don't
_EXTRA_RANGES = ((0x1D400, 0x1D800), (0x1F100, 0x1F200), (0x1FBF0, 0x1FBFA), (0x2F800, 0x2FA20))
_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@functools.cache
def _fold_table() -> tuple[dict[int, str], re.Pattern[str]]:
    """ord -> folded text for every character that changes; and a regex finding any such character except
    ASCII A-Z (those are left to str.lower, which is much faster than str.translate)."""
    table: dict[int, str] = {}
    codepoints = [c for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    codepoints += [c for lo, hi in _EXTRA_RANGES for c in range(lo, hi)]
    for c in codepoints:
        ch = chr(c)
        if ch in _KEEP:
            continue
        folded = _QUOTES.get(ch) or unicodedata.normalize("NFKC", ch).lower()
        if folded != ch and folded:
            table[c] = folded
    # Traditional -> simplified one character at a time ("\n" keeps OpenCC from seeing phrases): every
    # position survives. A character OpenCC would turn into several stays as it is.
    import opencc  # imported on first use: start-up time matters

    sources = [chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi)]
    sources += sorted({v for v in table.values() if len(v) == 1} - set(sources))
    converted = opencc.OpenCC("t2s").convert("\n".join(sources)).split("\n")
    t2s = {}
    if len(converted) == len(sources):
        t2s = {a: b for a, b in zip(sources, converted, strict=True) if a != b and len(b) == 1}
    for c, folded in list(table.items()):
        table[c] = "".join(t2s.get(ch, ch) for ch in folded)
    for a, b in t2s.items():
        table.setdefault(ord(a), b)
    # One class: the BMP characters as a bitmap (fast), everything beyond as a single range. Listing the
    # supplementary characters one by one would make re test each of them in turn: 200x slower.
    special = sorted(chr(c) for c in table if c < 0x10000 and not ("A" <= chr(c) <= "Z"))
    pattern = re.compile("[" + "".join("\\" + ch if ch in "\\]^-[" else ch for ch in special)
                         + "\U00010000-\U0010ffff]")
    return table, pattern


def fold(text: str) -> str:
    """The text rules are matched on: half-width, lower case, simplified; one or more characters per input
    character (most text: exactly one, so positions are the same as in the input)."""
    if text.isascii():
        return text.lower()
    table, special = _fold_table()
    if special.search(text) is None:
        return text.lower()
    return text.translate(table)


def _owners(text: str) -> list[int]:
    """For each position of fold(text), the position of the input character it came from."""
    table = _fold_table()[0]
    owners: list[int] = []
    for i, ch in enumerate(text):
        n = len(table.get(ord(ch), ch))
        if n == 1:
            owners.append(i)
        else:
            owners.extend([i] * n)
    return owners


def original_span(text: str, folded: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) in fold(text) -> the smallest span of ``text`` whose folding covers it."""
    if len(folded) == len(text):
        return start, end
    owners = _owners(text)
    return owners[start], owners[end - 1] + 1


# --- rules ----------------------------------------------------------------------------------------

NEGATION_ZH = ("不", "没有", "没", "不需要", "不想", "不用", "无需", "暂不", "不打算")
NEGATION_EN = ("no", "not", "never", "don't", "dont", "don't need", "doesn't", "didn't", "won't", "no longer")
# Words that contain a negation character but negate nothing that follows ("不知道出国要带多少外汇").
NEGATION_IGNORE = ("不知道", "不清楚", "不确定", "不了解", "不懂", "不得不", "不能不", "不少", "不错", "不同",
                   "不仅", "不但", "不久", "不管", "没想到", "没问题", "有没有", "要不要", "是不是", "能不能",
                   "需不需要", "想不想", "会不会", "可不可以", "not sure", "don't know", "no problem", "not only")
WINDOW_ZH = 6  # characters before the phrase in which a Chinese negation counts
WINDOW_EN = 24

_FILE_KEYS = {KIND_OPPORTUNITY: {"rule", "exclude", "negation"}, KIND_FRAUD: {"rule", "exclude", "negation"}}
_COMMON_KEYS = {"id", "zh", "en", "regex", "anchors", "exclude", "negation", "enabled", "explanation_zh",
                "explanation_en"}
_RULE_KEYS = {KIND_OPPORTUNITY: _COMMON_KEYS | {"category", "products"},
              KIND_FRAUD: _COMMON_KEYS | {"script_zh", "script_en"}}
_NEGATION_KEYS = {"zh", "en", "ignore", "window_zh", "window_en"}
_ID_RE = re.compile(r"[a-z0-9][a-z0-9_.:-]{0,63}")  # stored in 64-character rule_id columns
_PRODUCT_RE = re.compile(r"[A-Z0-9][A-Z0-9_-]*")
_TOML_POSITION = re.compile(r"line (\d+)(?:, column (\d+))?")


@dataclass(frozen=True)
class _Negation:
    # One pattern: group "ignore" (pseudo-negations, tried first so that they swallow their 不/没) or group "neg".
    regex: re.Pattern[str] | None
    window_zh: int
    window_en: int


@dataclass
class _Rule:
    id: str
    kind: str
    info: RuleInfo
    negation: _Negation | None  # None: negation does not cancel this rule
    exclude: tuple[str, ...]  # folded
    regex: tuple[re.Pattern[str], ...] = ()
    group: int = 0  # the file: its own exclude list applies to every rule of the file
    shared_exclude: tuple[str, ...] = ()
    # One shared Finding template per rule: detect() only swaps the evidence in.
    template: Finding | None = None
    index: int = 0


@dataclass
class _Source:
    """One file being read: its name, its raw text (for line numbers) and the lines of its [[table]] headers."""

    file: str
    text: str
    headers: list[int] = field(default_factory=list)
    _lines: list[str] | None = None

    def key_line(self, index: int, key: str) -> int | None:
        """The line of ``key = …`` inside the index-th [[table]] (its header line if not found)."""
        if index >= len(self.headers):
            return None
        start = self.headers[index]
        end = self.headers[index + 1] if index + 1 < len(self.headers) else None
        if self._lines is None:
            self._lines = self.text.split("\n")
        lines = self._lines[start:(end - 1) if end else None]
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for offset, line in enumerate(lines):
            if pattern.match(line):
                return start + 1 + offset
        return start

    def error(self, reason: str, line: int | None = None, rule: str | None = None, **extra: Any) -> RulesError:
        return RulesError(file=self.file, line=line, rule=rule, reason=reason, **extra)


def _read(path: Path, table: str) -> tuple[_Source, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(file=str(path), line=None, rule=None, reason="unreadable",
                         error=type(exc).__name__) from None
    source = _Source(str(path), text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        line = getattr(exc, "lineno", None) or (int(found.group(1)) if found else None)
        raise source.error("toml_syntax", line, error=str(exc)) from None
    header = re.compile(rf"^[ \t]*\[\[[ \t]*{table}[ \t]*\]\]", re.M)
    source.headers = [text.count("\n", 0, m.start()) + 1 for m in header.finditer(text)]
    entries = data.get(table, [])
    if not isinstance(entries, list) or len(source.headers) != len(entries):
        source.headers = []  # inline tables or an odd layout: no line to point at
    return source, data


def _top_line(source: _Source, key: str) -> int | None:
    found = re.search(rf"^[ \t]*(?:\[[ \t]*{re.escape(key)}[ \t]*\]|{re.escape(key)}[ \t]*=)", source.text, re.M)
    return source.text.count("\n", 0, found.start()) + 1 if found else None


def _strings(source: _Source, value: Any, key: str, line: int | None, rule: str | None) -> tuple[str, ...]:
    """A list of non-blank strings (stripped); None is an empty list."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise source.error("bad_type", line, rule, field=key)
    if any(not v.strip() for v in value):
        raise source.error("empty_phrase", line, rule, field=key)
    return tuple(v.strip() for v in value)


def _negation(source: _Source, data: Any) -> _Negation:
    line = _top_line(source, "negation")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise source.error("bad_negation", line, field="negation")
    unknown = sorted(set(data) - _NEGATION_KEYS)
    if unknown:
        raise source.error("unknown_key", line, field=f"negation.{unknown[0]}")
    zh = _strings(source, data.get("zh", list(NEGATION_ZH)), "negation.zh", line, None)
    en = _strings(source, data.get("en", list(NEGATION_EN)), "negation.en", line, None)
    ignore = _strings(source, data.get("ignore", list(NEGATION_IGNORE)), "negation.ignore", line, None)
    windows = []
    for key, default in (("window_zh", WINDOW_ZH), ("window_en", WINDOW_EN)):
        value = data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 80:
            raise source.error("bad_negation", line, field=f"negation.{key}")
        windows.append(value)

    def alternatives(words: Iterable[str]) -> str:
        out = []
        for word in sorted({fold(w) for w in words}, key=len, reverse=True):
            piece = re.escape(word)
            if _is_word_char(word[0]):
                piece = r"(?<![a-z0-9'])" + piece
            if _is_word_char(word[-1]):
                piece += r"(?![a-z0-9'])"
            out.append(piece)
        return "|".join(out) or "(?!)"

    regex = None
    if zh or en:
        regex = re.compile(f"(?P<ignore>{alternatives(ignore)})|(?P<neg>{alternatives(zh + en)})")
    return _Negation(regex, *windows)


_Loaded = tuple[_Rule, tuple[str, ...], tuple[str, ...], int | None]  # rule, folded phrases, folded anchors, line


def _load_rules(path: Path, kind: str, products: Collection[str] | None, group: int) -> list[_Loaded]:
    """(rule, folded phrases, folded anchors, line) per enabled rule of an opportunity or fraud file."""
    source, data = _read(path, "rule")
    unknown = sorted(set(data) - _FILE_KEYS[kind])
    if unknown:
        raise source.error("unknown_key", _top_line(source, unknown[0]), field=unknown[0])
    negation = _negation(source, data.get("negation"))
    file_exclude = _strings(source, data.get("exclude"), "exclude", _top_line(source, "exclude"), None)
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise source.error("not_a_table", _top_line(source, "rule"), field="rule")
    out = []
    seen: dict[str, int | None] = {}
    for index, entry in enumerate(entries):
        line = source.headers[index] if source.headers else None
        label = f"#{index + 1}"
        if not isinstance(entry, dict):
            raise source.error("not_a_table", line, label)
        rule_id = entry.get("id")
        if rule_id is None:
            raise source.error("missing_id", line, label, field="id")
        if not isinstance(rule_id, str) or not _ID_RE.fullmatch(rule_id):
            raise source.error("bad_id", source.key_line(index, "id") or line, label, field="id")
        if rule_id in seen:
            raise source.error("duplicate_id", line, rule_id, field="id", first_line=seen[rule_id])
        seen[rule_id] = line
        built = _rule(source, kind, entry, index, rule_id, line, negation, products)
        if built is not None:
            built[0].group = group
            built[0].shared_exclude = tuple(dict.fromkeys(fold(x) for x in file_exclude))
            out.append(built)
    return out


def _rule(source: _Source, kind: str, entry: dict[str, Any], index: int, rule_id: str, line: int | None,
          negation: _Negation, products: Collection[str] | None) -> _Loaded | None:
    """One [[rule]] table checked key by key; None when it is disabled."""
    def at(key: str) -> int | None:
        return source.key_line(index, key) if source.headers else None

    def err(reason: str, key: str, **extra: Any) -> RulesError:
        return source.error(reason, at(key) or line, rule_id, field=key, **extra)

    unknown = sorted(set(entry) - _RULE_KEYS[kind])
    if unknown:
        raise err("unknown_key", unknown[0])
    texts = {}
    for key in ("explanation_zh", "explanation_en") + (("script_zh", "script_en") if kind == KIND_FRAUD else ()):
        value = entry.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise err("missing_script" if key.startswith("script") else "missing_explanation", key)
        if not isinstance(value, str):
            raise err("bad_type", key)
        texts[key] = " ".join(value.split())
    zh = _strings(source, entry.get("zh"), "zh", at("zh") or line, rule_id)
    en = _strings(source, entry.get("en"), "en", at("en") or line, rule_id)
    anchors = _strings(source, entry.get("anchors"), "anchors", at("anchors") or line, rule_id)
    exclude = _strings(source, entry.get("exclude"), "exclude", at("exclude") or line, rule_id)
    patterns = _strings(source, entry.get("regex"), "regex", at("regex") or line, rule_id)
    if not (zh or en or patterns):
        raise source.error("missing_phrases", line, rule_id, field="zh")
    compiled = []
    for pattern in patterns:
        try:
            rx = re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise err("bad_regex", "regex", error=str(exc), pattern=pattern) from None
        if rx.search("") is not None:
            raise err("regex_matches_empty", "regex", pattern=pattern)
        compiled.append(rx)
    if compiled and not anchors:
        raise err("regex_needs_anchor", "anchors")
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        raise err("bad_type", "enabled")
    negates = entry.get("negation", kind == KIND_OPPORTUNITY)
    if not isinstance(negates, bool):
        raise err("bad_type", "negation")
    category, codes = None, ()
    if kind == KIND_OPPORTUNITY:
        category = entry.get("category")
        if category is None:
            raise err("missing_category", "category")
        if not isinstance(category, str) or category not in {c.value for c in ProductCategory}:
            raise err("unknown_category", "category", value=category)
        raw = entry.get("products")
        if raw is None or raw == []:
            raise err("missing_products", "products")
        codes = _strings(source, raw, "products", at("products") or line, rule_id)
        for code in codes:
            if not _PRODUCT_RE.fullmatch(code) or (products is not None and code not in products):
                raise err("unknown_product", "products", value=code)
    info = RuleInfo(rule_id, kind, texts["explanation_zh"], texts["explanation_en"], category, codes,
                    texts.get("script_zh", ""), texts.get("script_en", ""), None, zh + en, source.file, line)
    if not enabled:
        return None
    phrases = tuple(dict.fromkeys(f for f in (fold(p) for p in zh + en) if f))
    rule = _Rule(rule_id, kind, info, negation if negates else None,
                 tuple(dict.fromkeys(fold(x) for x in exclude)), tuple(compiled))
    return rule, phrases, tuple(dict.fromkeys(fold(a) for a in anchors)), line


def _load_escalation(path: Path) -> list[_Loaded]:
    """complaint_escalation.toml (shared with crm.services.cases): one rule per [[phrase]]."""
    source, data = _read(path, "phrase")
    unknown = sorted(set(data) - {"phrase", "exclude"})
    if unknown:
        raise source.error("unknown_key", _top_line(source, unknown[0]), field=unknown[0])
    file_exclude = tuple(dict.fromkeys(
        fold(x) for x in _strings(source, data.get("exclude"), "exclude", _top_line(source, "exclude"), None)))
    out = []
    seen: dict[str, int | None] = {}
    for index, entry in enumerate(data.get("phrase", [])):
        line = source.headers[index] if source.headers else None
        label = f"#{index + 1}"
        if not isinstance(entry, dict):
            raise source.error("not_a_table", line, label)
        extra = sorted(set(entry) - {"text", "priority"})
        if extra:
            raise source.error("unknown_key", line, label, field=extra[0])
        text = entry.get("text")
        if not isinstance(text, str) or not text.strip():
            raise source.error("empty_phrase" if isinstance(text, str) else "missing_phrases", line, label,
                               field="text")
        text = text.strip()
        rule_id = ESCALATION_PREFIX + text
        try:
            priority = CasePriority(entry.get("priority", CasePriority.URGENT))
        except ValueError:
            raise source.error("bad_priority", line, rule_id, field="priority") from None
        if rule_id in seen:
            raise source.error("duplicate_id", line, rule_id, field="text", first_line=seen[rule_id])
        seen[rule_id] = line
        info = RuleInfo(rule_id, KIND_ESCALATION, f"客户提到投诉升级关键词「{text}」",
                        f"Complaint escalation phrase \u201c{text}\u201d", priority=priority.value, phrases=(text,),
                        file=source.file, line=line)
        rule = _Rule(rule_id, KIND_ESCALATION, info, None, ())
        rule.group, rule.shared_exclude = ESCALATION_GROUP, file_exclude
        out.append((rule, (fold(text),), (), line))
    return out


# --- detector -------------------------------------------------------------------------------------

_SENTENCE_CUT = re.compile(r"[;；。!！?？\n]|\.(?![0-9a-z])")
# Fraud exclusions reach no further than the clause: "对方说是反诈宣传，让客户开屏幕共享" is still fraud.
_CLAUSE_CUT = re.compile(r"[，,、:：;；。!！?？\n…]|\.(?![0-9a-z])")
# Greedy: matched on [window start, phrase start) it ends just after the window's last clause separator.
_LAST_CLAUSE_CUT = re.compile(r"(?s:.*)(?:[，,、:：;；。!！?？\n]|\.(?![0-9a-z]))")
_PHRASE, _ANCHOR, _EXCLUDE = 0, 1, 2
_SUFFIXES = frozenset(("s", "es", "ed", "d", "ing", "er", "ers", "ment", "ments"))  # retire -> retirement


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


class Detector:
    """All rules of the three files in one automaton; immutable once built.

    The automaton holds every phrase, every regex anchor and every exclusion phrase, so that one pass over
    the folded text finds all of them; negation and exclusions are then checked only around the hits."""

    def __init__(self, rules: list[_Loaded]) -> None:
        order = {kind: i for i, kind in enumerate(KINDS)}
        rules = sorted(rules, key=lambda r: order[r[0].kind])  # stable: file order within a kind
        self._rules: list[_Rule] = []
        self._infos: dict[str, list[RuleInfo]] = {kind: [] for kind in KINDS}
        # word -> [(rule index, role)]; a file-wide exclusion is stored under the key -group
        words: dict[str, list[tuple[int, int]]] = {}
        for index, (rule, phrases, anchors, _line) in enumerate(rules):
            rule.index = index
            info = rule.info
            rule.template = Finding(rule.kind, rule.id, info.category, info.products, Evidence(0, 0, ""),
                                    info.explanation_zh, info.explanation_en, info.script_zh, info.script_en,
                                    info.priority)
            self._rules.append(rule)
            self._infos[rule.kind].append(info)
            for phrase in phrases:
                words.setdefault(phrase, []).append((index, _PHRASE))
            for anchor in anchors:
                words.setdefault(anchor, []).append((index, _ANCHOR))
            for word in rule.exclude:
                words.setdefault(word, []).append((index, _EXCLUDE))
            for word in rule.shared_exclude:
                words.setdefault(word, []).append((-rule.group, _EXCLUDE))
        self._first_opportunity = next((r.index for r in self._rules if r.kind == KIND_OPPORTUNITY),
                                       len(self._rules))
        self._automaton = ahocorasick.Automaton()
        for word, entries in words.items():
            # (length, entries, check the left / right word boundary: ASCII letters or digits at the edge)
            self._automaton.add_word(word, (len(word), tuple(dict.fromkeys(entries)),
                                            _is_word_char(word[0]), _is_word_char(word[-1])))
        if words:
            self._automaton.make_automaton()
        self._empty = not words

    @classmethod
    def load(cls, opportunities: Path | None = None, fraud: Path | None = None, escalation: Path | None = None,
             *, products: Collection[str] | None = None) -> Detector:
        """The three rule files (shipped defaults for any left out); ``products``: known product codes, to
        reject a rule that names another (RulesError reason unknown_product)."""
        files = (
            (Path(opportunities) if opportunities else paths.resource("rules", "opportunities.toml"), KIND_OPPORTUNITY),
            (Path(fraud) if fraud else paths.resource("rules", "fraud.toml"), KIND_FRAUD),
        )
        rules = []
        for group, (path, kind) in enumerate(files, start=1):
            rules += _load_rules(path, kind, products, group)
        rules += _load_escalation(Path(escalation) if escalation else paths.resource("rules",
                                                                                      "complaint_escalation.toml"))
        ids: dict[str, tuple[str, int | None]] = {}
        for rule, _p, _a, line in rules:
            if rule.id in ids:
                first_file, first_line = ids[rule.id]
                raise RulesError(file=rule.info.file, line=line, rule=rule.id, reason="duplicate_id", field="id",
                                 first_file=first_file, first_line=first_line)
            ids[rule.id] = (rule.info.file, line)
        return cls(rules)

    def rules(self, kind: str) -> list[RuleInfo]:
        """The enabled rules of one kind, in file order."""
        return list(self._infos.get(kind, ()))

    def detect(self, text: str) -> list[Finding]:
        """Findings in ``text``: fraud first, then escalation, then opportunities (none if there is fraud),
        each in text order; at most one per rule (its first match that survives exclusion and negation)."""
        if not text or self._empty:
            return []
        norm = fold(text)
        size = len(norm)
        candidates: dict[int, list[tuple[int, int]]] = {}
        excluders: dict[int, list[tuple[int, int]]] | None = None
        anchored: list[int] | None = None
        overlap = False  # two phrase hits share characters: one may sit inside a longer one
        last_end = -1
        for end, (length, entries, left, right) in self._automaton.iter(norm):
            start = end - length + 1
            end += 1
            if left and start > 0 and _is_word_char(norm[start - 1]):
                continue
            if right and end < size and _is_word_char(norm[end]):
                end = _word_end(norm, end)  # "retire" in "retirement": the evidence is the whole word
                if end < 0:
                    continue
            for index, role in entries:
                if role == _PHRASE:
                    if start < last_end:
                        overlap = True
                    if end > last_end:
                        last_end = end
                    if index in candidates:
                        candidates[index].append((start, end))
                    else:
                        candidates[index] = [(start, end)]
                elif role == _EXCLUDE:
                    if excluders is None:
                        excluders = {}
                    excluders.setdefault(index, []).append((start, end))
                elif anchored is None:
                    anchored = [index]
                else:
                    anchored.append(index)
        if not candidates and not anchored:
            return []
        rules = self._rules
        matched: dict[int, list[tuple[int, int]]] = {}  # regex matches, kept apart from the phrase hits
        if anchored:
            for index in dict.fromkeys(anchored):
                rule = rules[index]
                # A fraud rule with an exclusion in the text: every match, overlapping ones too, so that one
                # cancelled by an exclusion in its clause does not hide a later one in another clause.
                every = (rule.kind == KIND_FRAUD and excluders is not None
                         and (index in excluders or -rule.group in excluders))
                for rx in rule.regex:
                    spans = _all_matches(rx, norm) if every else [m.span() for m in rx.finditer(norm)]
                    matched.setdefault(index, []).extend(span for span in spans if span[1] > span[0])
        dominated = _dominated(candidates) if overlap and len(candidates) > 1 else None
        sentence_cuts: list[int] | None = None
        clause_cuts: list[int] | None = None
        found: list[tuple[_Rule, int, int]] = []
        has_fraud = False
        order = sorted(candidates.keys() | matched.keys()) if matched else sorted(candidates)
        for index in order:
            if has_fraud and index >= self._first_opportunity:
                break  # fraud present: no opportunity is returned, none needs checking
            rule = rules[index]
            spans = candidates.get(index, [])
            if dominated and rule.kind != KIND_FRAUD:
                spans = [span for span in spans if (span, index) not in dominated]
            if matched:
                spans = spans + matched.get(index, [])
            if len(spans) > 1:  # leftmost first; at the same start the longest (出国旅游 rather than 出国)
                spans = sorted(set(spans), key=_leftmost_longest)
            against = None
            if excluders is not None:
                against = excluders.get(index, []) + excluders.get(-rule.group, [])
            for start, end in spans:
                if against:
                    if rule.kind == KIND_FRAUD:
                        if clause_cuts is None:
                            clause_cuts = [m.start() for m in _CLAUSE_CUT.finditer(norm)]
                        cuts = clause_cuts
                    else:
                        if sentence_cuts is None:
                            sentence_cuts = [m.start() for m in _SENTENCE_CUT.finditer(norm)]
                        cuts = sentence_cuts
                    if _excluded(start, end, against, cuts, size):
                        continue  # try the rule's next match
                if rule.negation is not None and _negated(norm, start, rule.negation):
                    continue
                found.append((rule, start, end))
                has_fraud = has_fraud or rule.kind == KIND_FRAUD
                break
        if not found:
            return []
        owners = _owners(text) if size != len(text) else None
        out = []
        for rule, start, end in found:
            if owners is not None:
                start, end = owners[start], owners[end - 1] + 1
            out.append(_with_evidence(rule.template, Evidence(start, end, text[start:end])))
        if len(out) > 1:
            out.sort(key=_order_key)
        return out


_KIND_RANK = {kind: i for i, kind in enumerate(KINDS)}


def _order_key(f: Finding) -> tuple[int, int, str]:
    return _KIND_RANK[f.kind], f.evidence.start, f.rule


def _leftmost_longest(span: tuple[int, int]) -> tuple[int, int]:
    return span[0], -span[1]


def _word_end(norm: str, end: int) -> int:
    """The end of the word a phrase ends inside, or -1 unless the rest is an allowed ending."""
    stop = end
    while stop < len(norm) and _is_word_char(norm[stop]):
        stop += 1
    return stop if norm[end:stop] in _SUFFIXES else -1


def _with_evidence(template: Finding | None, evidence: Evidence) -> Finding:
    """The rule's finding with this evidence: a copy of the rule's template (3x cheaper than Finding(...),
    whose frozen __init__ sets ten fields one object.__setattr__ at a time)."""
    assert template is not None
    finding = object.__new__(Finding)
    fields = finding.__dict__
    fields.update(template.__dict__)
    fields["evidence"] = evidence
    return finding


def _dominated(candidates: dict[int, list[tuple[int, int]]]) -> set[tuple[tuple[int, int], int]]:
    """Hits inside a longer hit of another rule: "外汇" in "境外汇款" is a remittance, "法院" in "自称法院" is
    fraud, "银保监" in "投诉到银保监" is already reported. (The caller never drops fraud hits this way.)"""
    hits = [(span, index) for index, spans in candidates.items() for span in spans]
    return {(span, index) for span, index in hits
            for (s, e), other in hits
            if other != index and s <= span[0] and span[1] <= e and e - s > span[1] - span[0]}


def _all_matches(rx: re.Pattern[str], norm: str) -> list[tuple[int, int]]:
    """Every match of ``rx``, one per start position (finditer's matches do not overlap)."""
    out = []
    pos = 0
    while (m := rx.search(norm, pos)) is not None:
        out.append(m.span())
        pos = m.start() + 1
    return out


def _excluded(start: int, end: int, against: list[tuple[int, int]], cuts: list[int], size: int) -> bool:
    """An exclusion phrase in the sentence (``cuts``: sentence or clause ends) of the hit [start, end); a hit
    spanning several takes them all."""
    i = bisect.bisect_left(cuts, start)
    left = cuts[i - 1] + 1 if i else 0
    j = bisect.bisect_left(cuts, end)
    right = cuts[j] if j < len(cuts) else size
    return any(left <= s and e <= right for s, e in against)


def _negated(norm: str, start: int, negation: _Negation) -> bool:
    """A negation word shortly before ``start`` in the same clause (Chinese: within window_zh characters,
    English: within window_en)."""
    if negation.regex is None:
        return False
    lo = max(0, start - max(negation.window_zh, negation.window_en))
    if lo == start or negation.regex.search(norm, lo, start) is None:
        return False  # the common case: nothing that even looks like a negation
    cut = _LAST_CLAUSE_CUT.match(norm, lo, start)
    if cut is not None:
        lo = cut.end()
    for m in negation.regex.finditer(norm, lo, start):
        if m.lastgroup == "neg":
            word = m.group()
            if start - m.start() <= (negation.window_en if word.isascii() else negation.window_zh):
                return True
    return False



# --- module API -----------------------------------------------------------------------------------

@functools.cache
def default_detector() -> Detector:
    """The shipped rule files (loaded once)."""
    return Detector.load()


def detect(text: str) -> list[Finding]:
    return default_detector().detect(text)


def context(text: str, ev: Evidence, width: int = 12) -> str:
    """"…phrase in context…" for display: ``width`` characters either side, on one line."""
    left = max(0, ev.start - width)
    right = min(len(text), ev.end + width)
    snippet = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
    return " ".join(snippet.split())


def findings_to_json(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """What ``crm detect --json`` prints: kind, rule, category, products, evidence {start, end, text}."""
    return [{"kind": f.kind, "rule": f.rule, "category": f.category, "products": list(f.products),
             "evidence": {"start": f.evidence.start, "end": f.evidence.end, "text": f.evidence.text}}
            for f in findings]


_LABELS = {
    "en": {KIND_FRAUD: "FRAUD ALERT", KIND_ESCALATION: "ESCALATION", KIND_OPPORTUNITY: "OPPORTUNITY",
           "none": "No findings.", "evidence": "evidence", "script": "say", "products": "products",
           "priority": "priority"},
    "zh": {KIND_FRAUD: "反诈预警", KIND_ESCALATION: "投诉升级", KIND_OPPORTUNITY: "商机",
           "none": "未发现商机、反诈或投诉升级信号。", "evidence": "原文", "script": "劝阻话术", "products": "推荐产品",
           "priority": "优先级"},
}


def format_findings(findings: Sequence[Finding], lang: str = "en", text: str | None = None) -> str:
    """Human-readable lines for the CLI (``lang`` "zh" or "en"); with ``text``, evidence in its context."""
    labels = _LABELS["zh" if lang.startswith("zh") else "en"]
    zh = labels is _LABELS["zh"]
    if not findings:
        return labels["none"]
    lines = []
    for f in findings:
        head = f"[{labels[f.kind]}] {f.rule}"
        if f.category:
            head += f" ({f.category})"
        if f.priority:
            head += f" {labels['priority']}={f.priority}"
        lines.append(f"{head}: {f.explanation_zh if zh else f.explanation_en}")
        shown = context(text, f.evidence) if text is not None else f.evidence.text
        lines.append(f"    {labels['evidence']} [{f.evidence.start}:{f.evidence.end}] {shown}")
        if f.products:
            lines.append(f"    {labels['products']}: {', '.join(f.products)}")
        script = f.script_zh if zh else f.script_en
        if script:
            lines.append(f"    {labels['script']}: {script}")
    return "\n".join(lines)
