"""Detection benchmark: the shipped rules (opportunities, anti-fraud, escalation) over a million notes.

    uv run python benchmarks/detection.py                       # 1,000,000 synthetic notes (crm/demo/text.py)
    CRM_PASSPHRASE=… uv run python benchmarks/detection.py --data-dir /tmp/bench   # interaction.notes of a demo DB

Prints notes/s of ``Detector.detect`` beside two floors measured on the same notes: folding alone, and a bare
loop running the automaton over the already folded text (the least any phrase matcher must do), with the
ratio; then the findings per kind and the busiest rules. Synthetic notes follow the demo's mix (channels,
categories, 0.6 % fraud reports) and a few are rewritten in traditional characters or with full-width
letters and digits, so that the slower folding paths are part of the figure. Target (issue 5): >= 20,000
notes/s.
"""

from __future__ import annotations

import argparse
import bisect
import collections
import gc
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crm import detection  # noqa: E402
from crm.demo.text import NoteBank  # noqa: E402

TARGET = 20_000
_CHANNELS = ("inbound_call", "outbound_call", "online_chat", "branch", "email", "sms")
_CHANNEL_CUM = (0.45, 0.60, 0.82, 0.92, 0.95, 1.0)
_FULLWIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in
                            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"})


def synthetic(n: int, seed: int, traditional: float, fullwidth: float) -> tuple[list[str], list[str]]:
    """``n`` notes in the demo's proportions and the fraud rule each fraud note was written for ("" if none)."""
    rng = random.Random(seed)
    bank = NoteBank(rng)
    r = rng.random
    notes, labels = [], []
    for _ in range(n):
        channel = _CHANNELS[bisect.bisect(_CHANNEL_CUM, r())]
        fraud = False
        if channel in ("inbound_call", "online_chat", "email", "branch"):
            y = r()
            category = ("consultation" if y < 0.55 else "guidance" if y < 0.83 else "complaint" if y < 0.97
                        else "marketing")
            fraud = channel != "email" and r() < 0.006
        else:
            category = "return_visit" if r() < 0.62 else "marketing"
        x = r()
        outcome = ("resolved" if x < 0.8 else "follow_up" if x < 0.88 else "transferred" if x < 0.95
                   else "escalated" if x < 0.98 else "unreachable" if channel == "outbound_call" else "other")
        verification = "passed" if r() < 0.75 else "not_done"
        note, topic, _esc = bank.make(r, category, channel, verification, outcome, r() < 0.12, fraud, r() < 0.05)
        notes.append(note)
        labels.append(topic if fraud else "")
    if traditional or fullwidth:
        import opencc

        s2t = opencc.OpenCC("s2t")
        for i in range(n):
            y = r()
            if y < traditional:
                notes[i] = s2t.convert(notes[i])
            elif y < traditional + fullwidth:
                notes[i] = notes[i].translate(_FULLWIDTH)
    return notes, labels


def stored(data_dir: Path, limit: int | None) -> list[str]:
    from crm import db

    storage = db.open_local(data_dir, passphrase=os.environ.get("CRM_PASSPHRASE"))
    try:
        conn = storage.db.connection()
        sql = "SELECT notes FROM interaction ORDER BY id" + (f" LIMIT {int(limit)}" if limit else "")
        return [row[0] or "" for row in conn.execute(sql)]
    finally:
        storage.close()


def timed(fn) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", help="read interaction.notes from this demo database instead of generating")
    parser.add_argument("--notes", type=int, default=1_000_000, help="how many synthetic notes")
    parser.add_argument("--limit", type=int, help="with --data-dir: read at most this many notes (default: all)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--traditional", type=float, default=0.03, help="share of synthetic notes in 繁體")
    parser.add_argument("--fullwidth", type=float, default=0.02, help="share with full-width letters and digits")
    parser.add_argument("--top", type=int, default=12, help="rules to list by number of findings")
    args = parser.parse_args()

    t0 = time.perf_counter()
    if args.data_dir:
        notes, labels = stored(Path(args.data_dir), args.limit), []
        source = f"interaction.notes of {args.data_dir}"
    else:
        notes, labels = synthetic(args.notes, args.seed, args.traditional, args.fullwidth)
        source = f"synthetic (seed {args.seed}, {args.traditional:.0%} traditional, {args.fullwidth:.0%} full-width)"
    n = len(notes)
    if not n:
        raise SystemExit("no notes")
    chars = sum(len(t) for t in notes)
    print(f"notes: {n:,} from {source}; {chars / n:.0f} characters on average "
          f"(prepared in {time.perf_counter() - t0:.1f} s)")

    t1 = time.perf_counter()
    detector = detection.Detector.load()
    print(f"rules: " + ", ".join(f"{len(detector.rules(k))} {k}" for k in detection.KINDS)
          + f"; loaded in {(time.perf_counter() - t1) * 1000:.0f} ms (folding table included)")
    detector.detect(notes[0])  # warm

    fold = detection.fold
    automaton = detector._automaton  # the floor runs the very automaton the detector uses

    def fold_only() -> list[str]:
        return [fold(t) for t in notes]

    fold_s, folded = timed(fold_only)

    def bare() -> int:
        hits = 0
        for text in folded:
            for _ in automaton.iter(text):
                hits += 1
        return hits

    floor_s, raw_hits = timed(bare)
    del folded

    def run() -> tuple[collections.Counter, collections.Counter, list]:
        kinds: collections.Counter = collections.Counter()
        rules: collections.Counter = collections.Counter()
        per_note: list = []
        detect = detector.detect
        for text in notes:
            found = detect(text)
            if found:
                for f in found:
                    kinds[f.kind] += 1
                    rules[f.rule] += 1
            per_note.append(found or ())
        return kinds, rules, per_note

    detect_s, (kinds, rules, per_note) = timed(run)
    rate = n / detect_s
    floor_total = fold_s + floor_s
    print(f"{'':<34}{'seconds':>9}{'notes/s':>12}")
    print(f"{'fold only':<34}{fold_s:>9.2f}{n / fold_s:>12,.0f}")
    print(f"{'automaton.iter on folded (floor)':<34}{floor_s:>9.2f}{n / floor_s:>12,.0f}   ({raw_hits:,} raw hits)")
    print(f"{'fold + automaton':<34}{floor_total:>9.2f}{n / floor_total:>12,.0f}")
    print(f"{'Detector.detect':<34}{detect_s:>9.2f}{rate:>12,.0f}   "
          f"target >= {TARGET:,}/s {'ok' if rate >= TARGET else 'MISSED'}")
    print(f"ratio detect / floor: {detect_s / floor_s:.1f}x the bare automaton loop, "
          f"{detect_s / floor_total:.1f}x fold + automaton; {detect_s / n * 1e6:.1f} µs per note")

    with_findings = sum(1 for f in per_note if f)
    print(f"findings: {sum(kinds.values()):,} in {with_findings:,} notes ({with_findings / n:.1%}): "
          + ", ".join(f"{kinds[k]:,} {k}" for k in detection.KINDS))
    if labels:
        fraud_notes = [i for i, label in enumerate(labels) if label]
        caught = sum(1 for i in fraud_notes if any(f.kind == detection.KIND_FRAUD for f in per_note[i]))
        same = sum(1 for i in fraud_notes if any(f.rule == labels[i] for f in per_note[i]))
        false_alarms = sum(1 for i, found in enumerate(per_note)
                           if not labels[i] and any(f.kind == detection.KIND_FRAUD for f in found))
        leaked = sum(1 for i in fraud_notes if any(f.kind == detection.KIND_OPPORTUNITY for f in per_note[i]))
        print(f"fraud notes written: {len(fraud_notes):,}; flagged as fraud {caught:,} "
              f"({caught / max(1, len(fraud_notes)):.1%}), by the rule they were written for {same:,}; "
              f"fraud alerts on other notes: {false_alarms:,}; opportunities on fraud notes: {leaked}")
    print(f"top {args.top} rules:")
    for rule, count in rules.most_common(args.top):
        print(f"  {rule:<40}{count:>10,}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB (all notes and their findings held in memory)")
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
