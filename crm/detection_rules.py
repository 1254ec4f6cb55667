"""The detection rules files: reading the TOML, checking every rule (errors name the file, line and rule) and
building the rules crm.detection matches with.

Three editable TOML files:

- ``resources/rules/opportunities.toml``: ``[[rule]]`` with Chinese/English phrases, the product codes and the
  ProductCategory it suggests; a negation word shortly before the phrase in the same clause cancels it
  ("没有出国打算", "I don't need a mortgage"); words and windows from an optional ``[negation]`` table;
- ``resources/rules/fraud.toml``: ``[[rule]]`` with an explanation and a dissuasion script (劝阻话术); negation
  does not cancel these by default ("他说不转到安全账户就冻结" is still fraud);
- ``resources/rules/complaint_escalation.toml`` (shared with crm.services.cases): ``[[phrase]]`` text, priority.

Each rule may list ``exclude`` phrases, and each file a file-wide ``exclude`` list. Regular expressions are
allowed where a phrase is not enough; each needs ``anchors``, literals that must be found first, so no regex runs
over a text that cannot match. Phrases, anchors, exclusions and negation words are folded (crm.detection_fold)
as they are read.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm import paths
from crm.codes import CasePriority, ProductCategory
from crm.detection_fold import fold, is_word_char
from crm.errors import ValidationError

KIND_OPPORTUNITY = "opportunity"
KIND_FRAUD = "fraud"
KIND_ESCALATION = "escalation"
KINDS = (KIND_FRAUD, KIND_ESCALATION, KIND_OPPORTUNITY)  # output order: the most urgent first
ESCALATION_PREFIX = "escalation:"
ESCALATION_GROUP = 3  # the escalation file's own ``exclude`` list (opportunities are group 1, fraud 2)


@dataclass(frozen=True)
class RuleInfo:
    """One rule as its file states it: what Detector.rules() returns."""

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


# --- reading and checking ------------------------------------------------------------------------

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
class Negation:
    # One pattern: group "ignore" (pseudo-negations, tried first so that they swallow their 不/没) or group "neg".
    regex: re.Pattern[str] | None
    window_zh: int
    window_en: int


@dataclass
class Rule:
    """One enabled rule ready for matching (``info`` is what callers of crm.detection see)."""

    id: str
    kind: str
    info: RuleInfo
    negation: Negation | None  # None: negation does not cancel this rule
    exclude: tuple[str, ...]  # folded
    regex: tuple[re.Pattern[str], ...] = ()
    group: int = 0  # the file: its own exclude list applies to every rule of the file
    shared_exclude: tuple[str, ...] = ()
    index: int = 0  # position in the detector (set by crm.detection.Detector)


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


def _negation(source: _Source, data: Any) -> Negation:
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
            if is_word_char(word[0]):
                piece = r"(?<![a-z0-9'])" + piece
            if is_word_char(word[-1]):
                piece += r"(?![a-z0-9'])"
            out.append(piece)
        return "|".join(out) or "(?!)"

    regex = None
    if zh or en:
        regex = re.compile(f"(?P<ignore>{alternatives(ignore)})|(?P<neg>{alternatives(zh + en)})")
    return Negation(regex, *windows)


# (rule, folded phrases, folded anchors, line): what crm.detection.Detector is built from
LoadedRule = tuple[Rule, tuple[str, ...], tuple[str, ...], int | None]


def load_rules(opportunities: Path | None = None, fraud: Path | None = None, escalation: Path | None = None,
               *, products: Collection[str] | None = None) -> list[LoadedRule]:
    """The rules of the three files (shipped defaults for any left out), checked, rule ids unique across files;
    ``products``: known product codes, to reject a rule that names another (reason unknown_product)."""
    files = (
        (Path(opportunities) if opportunities else paths.resource("rules", "opportunities.toml"), KIND_OPPORTUNITY),
        (Path(fraud) if fraud else paths.resource("rules", "fraud.toml"), KIND_FRAUD),
    )
    rules = []
    for group, (path, kind) in enumerate(files, start=1):
        rules += _load_file(path, kind, products, group)
    rules += _load_escalation(Path(escalation) if escalation else paths.resource("rules",
                                                                                  "complaint_escalation.toml"))
    ids: dict[str, tuple[str, int | None]] = {}
    for rule, _p, _a, line in rules:
        if rule.id in ids:
            first_file, first_line = ids[rule.id]
            raise RulesError(file=rule.info.file, line=line, rule=rule.id, reason="duplicate_id", field="id",
                             first_file=first_file, first_line=first_line)
        ids[rule.id] = (rule.info.file, line)
    return rules


def _load_file(path: Path, kind: str, products: Collection[str] | None, group: int) -> list[LoadedRule]:
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
          negation: Negation, products: Collection[str] | None) -> LoadedRule | None:
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
    rule = Rule(rule_id, kind, info, negation if negates else None,
                 tuple(dict.fromkeys(fold(x) for x in exclude)), tuple(compiled))
    return rule, phrases, tuple(dict.fromkeys(fold(a) for a in anchors)), line


def _load_escalation(path: Path) -> list[LoadedRule]:
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
        rule = Rule(rule_id, KIND_ESCALATION, info, None, ())
        rule.group, rule.shared_exclude = ESCALATION_GROUP, file_exclude
        out.append((rule, (fold(text),), (), line))
    return out
