"""Phrase rules over free text: sales opportunities (商机), telecom-fraud signals (反诈) and complaint escalation.

The rules come from three editable TOML files (read and checked by crm.detection_rules); all phrases of all
rules go into one Aho–Corasick automaton, one pass per text. Matching runs on a folded copy of the text
(crm.detection_fold: half-width, lower case, simplified); evidence offsets point into the ORIGINAL text:
``evidence.text == text[evidence.start:evidence.end]`` always.

A negation word shortly before an opportunity phrase in the same clause cancels it ("没有出国打算", "I don't need
a mortgage"); negation does not cancel fraud rules by default ("他说不转到安全账户就冻结" is still fraud).
Per-rule exclusions (and a file-wide ``exclude`` list) cancel a hit when they occur in the same sentence;
for fraud rules only in the same CLAUSE (cut also at ，,、：: and …), and the detector then goes on to the
rule's later matches (overlapping regex matches included): "已提醒客户验证码不要告诉任何人，但客户已经把验证码告诉
对方了" is fraud. A missed fraud costs far more than a false alarm.
A regex rule runs only on a text in which one of its anchors was found. A fraud finding suppresses every
opportunity finding of the text (never turn such an interaction into a lead); escalation findings are always
returned.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick

from crm.detection_fold import fold, is_word_char, owners
from crm.detection_rules import (KIND_ESCALATION, KIND_FRAUD, KIND_OPPORTUNITY, KINDS, LoadedRule, Negation, Rule,
                                 RuleInfo, load_rules)


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


# --- detector -------------------------------------------------------------------------------------

_SENTENCE_CUT = re.compile(r"[;；。!！?？\n]|\.(?![0-9a-z])")
# Fraud exclusions reach no further than the clause: "对方说是反诈宣传，让客户开屏幕共享" is still fraud.
_CLAUSE_CUT = re.compile(r"[，,、:：;；。!！?？\n…]|\.(?![0-9a-z])")
# Greedy: matched on [window start, phrase start) it ends just after the window's last clause separator.
_LAST_CLAUSE_CUT = re.compile(r"(?s:.*)(?:[，,、:：;；。!！?？\n]|\.(?![0-9a-z]))")
_PHRASE, _ANCHOR, _EXCLUDE = 0, 1, 2
_SUFFIXES = frozenset(("s", "es", "ed", "d", "ing", "er", "ers", "ment", "ments"))  # retire -> retirement


class Detector:
    """All rules of the three files in one automaton; immutable once built.

    The automaton holds every phrase, every regex anchor and every exclusion phrase, so that one pass over
    the folded text finds all of them; negation and exclusions are then checked only around the hits."""

    def __init__(self, rules: list[LoadedRule]) -> None:
        order = {kind: i for i, kind in enumerate(KINDS)}
        rules = sorted(rules, key=lambda r: order[r[0].kind])  # stable: file order within a kind
        self._rules: list[Rule] = []
        # One shared Finding per rule (same index): detect() only swaps the evidence in.
        self._templates: list[Finding] = []
        self._infos: dict[str, list[RuleInfo]] = {kind: [] for kind in KINDS}
        # word -> [(rule index, role)]; a file-wide exclusion is stored under the key -group
        words: dict[str, list[tuple[int, int]]] = {}
        for index, (rule, phrases, anchors, _line) in enumerate(rules):
            rule.index = index
            info = rule.info
            self._templates.append(Finding(rule.kind, rule.id, info.category, info.products, Evidence(0, 0, ""),
                                           info.explanation_zh, info.explanation_en, info.script_zh,
                                           info.script_en, info.priority))
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
                                            is_word_char(word[0]), is_word_char(word[-1])))
        if words:
            self._automaton.make_automaton()
        self._empty = not words

    @classmethod
    def load(cls, opportunities: Path | None = None, fraud: Path | None = None, escalation: Path | None = None,
             *, products: Collection[str] | None = None) -> Detector:
        """The three rule files (shipped defaults for any left out); ``products``: known product codes, to
        reject a rule that names another (crm.detection_rules.RulesError reason unknown_product)."""
        return cls(load_rules(opportunities, fraud, escalation, products=products))

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
            if left and start > 0 and is_word_char(norm[start - 1]):
                continue
            if right and end < size and is_word_char(norm[end]):
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
        found: list[tuple[Rule, int, int]] = []
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
        origin = owners(text) if size != len(text) else None
        templates = self._templates
        out = []
        for rule, start, end in found:
            if origin is not None:
                start, end = origin[start], origin[end - 1] + 1
            out.append(_with_evidence(templates[rule.index], Evidence(start, end, text[start:end])))
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
    while stop < len(norm) and is_word_char(norm[stop]):
        stop += 1
    return stop if norm[end:stop] in _SUFFIXES else -1


def _with_evidence(template: Finding, evidence: Evidence) -> Finding:
    """The rule's finding with this evidence: a copy of the rule's template (3x cheaper than Finding(...),
    whose frozen __init__ sets ten fields one object.__setattr__ at a time)."""
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


def _negated(norm: str, start: int, negation: Negation) -> bool:
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


_SENTENCE_ENDS = "。！？!?；;\n"
_LAST_END = re.compile(f".*[{_SENTENCE_ENDS}]", re.DOTALL)  # greedy: up to the last end before the phrase
_NEXT_END = re.compile(f"[{_SENTENCE_ENDS}]")


def sentence(text: str, ev: Evidence, limit: int = 160) -> str:
    """The sentence of ``text`` the evidence was found in, on one line: what the customer said, for sales.

    Longer than ``limit``: the evidence with about as much either side, "…" where cut. A cut never splits a
    run of digits or ASCII letters (an identifier masked afterwards must be whole to be recognised). The bare
    evidence text when the offsets no longer point at it (the text changed since)."""
    start, end = ev.start, ev.end
    if not (0 <= start <= end <= len(text)) or text[start:end] != ev.text:
        return ev.text
    before = _LAST_END.match(text, 0, start)  # one scan each way (the export asks for every lead)
    left = before.end() if before else 0
    after = _NEXT_END.search(text, end)
    right = after.end() if after else len(text)
    head = tail = ""
    if right - left > limit:
        half = max(0, (limit - (end - start)) // 2)
        cut_left, cut_right = max(left, start - half), min(right, end + half)
        while cut_left > left and _inside_run(text, cut_left):
            cut_left -= 1
        while cut_right < right and _inside_run(text, cut_right):
            cut_right += 1
        head, tail = ("…" if cut_left > left else ""), ("…" if cut_right < right else "")
        left, right = cut_left, cut_right
    return head + " ".join(text[left:right].split()) + tail


def _inside_run(text: str, i: int) -> bool:
    """Whether position ``i`` (between text[i-1] and text[i]) lies inside a run of digits and ASCII letters,
    digits grouped by spaces or dashes included (138 1234 5678)."""
    a, b = text[i - 1], text[i]
    if _word(a) and _word(b):
        return True
    if a in " -" and b.isdigit():
        return i >= 2 and text[i - 2].isdigit()
    if b in " -" and a.isdigit():
        return i + 1 < len(text) and text[i + 1].isdigit()
    return False


def _word(c: str) -> bool:
    """Part of an identifier-like run: any digit (full-width １３８ too), an ASCII letter, a mask star."""
    return c.isdigit() or (c.isascii() and (c.isalnum() or c == "*"))


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
