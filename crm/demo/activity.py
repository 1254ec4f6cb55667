"""Demo interactions: when and with whom (a skeleton planned before the customers are written, so that
``last_contact_at`` is known up front), then the rows themselves, built as tuples chunk by chunk."""

from __future__ import annotations

import bisect
import itertools
import random
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

from crm.demo.catalog import Reference
from crm.demo.customers import Population
from crm.demo.text import LOW_SATISFACTION_REASONS, MID_SATISFACTION_REASONS, NoteBank
from crm.demo.writer import TsText, micro_of

INTERACTION_FIELDS = (
    "id", "version", "created_at", "updated_at", "customer", "staff", "ts", "channel", "direction", "category",
    "notes", "duration_s", "outcome", "verification", "satisfaction", "satisfaction_reason", "fraud_flag",
)
CHINA_OFFSET = 8 * 3600
SPAN_DAYS = 730
# Local hour of day -> relative volume (the service desk is open 08:00-21:00, peaks mid-morning/afternoon).
_HOURS = (8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20)
_HOUR_CUM = list(itertools.accumulate((4, 10, 12, 11, 6, 6, 10, 11, 10, 8, 5, 4, 3)))
_SEGMENT_FACTOR = {"standard": 1.0, "vip": 2.2, "private": 3.0}
# Channel shares: inbound 45 %, outbound 15 %, chat 22 %, branch 10 %, e-mail 3 %, SMS 5 %.
_CHANNELS = ("inbound_call", "outbound_call", "online_chat", "branch", "email", "sms")
_CHANNEL_CUM = (0.45, 0.60, 0.82, 0.92, 0.95, 1.0)
_SAT_NORMAL = (0.02, 0.05, 0.13, 0.38, 1.0)  # cumulative P(score <= 1..5)
_SAT_COMPLAINT = (0.12, 0.25, 0.50, 0.75, 1.0)


@dataclass
class Skeleton:
    ts: Sequence[int]  # epoch seconds, strictly increasing
    customer: Sequence[int]  # index into the population
    first: list[int | None]
    last: list[int | None]


def plan_interactions(n: int, pop: Population, rng: random.Random, now_epoch: int) -> Skeleton:
    """``n`` timestamps over the last two years (denser towards now, working hours, fewer at weekends) and the
    customer of each (a few customers call a lot, some never)."""
    size = len(pop)
    r = rng.random
    weights = [0.0 if r() < 0.07 else rng.lognormvariate(0.0, 0.9) * _SEGMENT_FACTOR[pop.segment[i]]
               * (1.25 if pop.elderly[i] else 1.0) for i in range(size)]
    cum = list(itertools.accumulate(weights))
    if not size or cum[-1] <= 0:
        cum = list(range(1, size + 1))
    customer = rng.choices(range(size), cum_weights=cum, k=n) if size else []
    latest = now_epoch - 600  # strictly increasing seconds below must not pass "now"
    midnight = (latest + CHINA_OFFSET) // 86400 * 86400 - CHINA_OFFSET  # today 00:00 China time, as UTC
    # Volume grows towards today (2.5x over two years); weekends are quieter.
    day_weights = [(1.0 + 1.5 * (SPAN_DAYS - d) / SPAN_DAYS)
                   * (0.45 if ((midnight - d * 86400 + CHINA_OFFSET) // 86400 + 3) % 7 >= 5 else 1.0)
                   for d in range(SPAN_DAYS + 1)]
    days = rng.choices(range(SPAN_DAYS + 1), cum_weights=list(itertools.accumulate(day_weights)), k=n)
    hours = rng.choices(_HOURS, cum_weights=_HOUR_CUM, k=n)
    ts = [midnight - d * 86400 + h * 3600 + int(r() * 3600) for d, h in zip(days, hours, strict=True)]
    del days, hours
    for j, t in enumerate(ts):
        if t > latest:  # later today has not happened yet: move it to one of the previous days
            ts[j] = t - 86400 * (1 + int(r() * 3))
    ts.sort()
    for j in range(1, n):  # distinct seconds: the timeline order is unambiguous
        if ts[j] <= ts[j - 1]:
            ts[j] = ts[j - 1] + 1
    first: list[int | None] = [None] * size
    last: list[int | None] = [None] * size
    for t, c in zip(ts, customer, strict=True):
        if first[c] is None:
            first[c] = t
        last[c] = t
    # Machine-integer arrays: 12 bytes per interaction instead of ~72 as lists of int objects.
    return Skeleton(array("q", ts), array("l", customer), first, last)


@dataclass
class Candidates:
    """Interactions that later stages turn into cases, follow-ups and escalations."""

    complaints: list[tuple] = field(default_factory=list)  # (id, cust, epoch, topic, escalation, staff, note)
    followups: list[tuple] = field(default_factory=list)  # (id, cust, epoch, category, staff)
    frauds: list[tuple] = field(default_factory=list)  # (id, cust, epoch, rule, staff, channel)


class InteractionBuilder:
    """Interaction rows from the skeleton; remembers the candidates for cases, follow-ups and escalations."""

    def __init__(self, rng: random.Random, pop: Population, ref: Reference, bank: NoteBank, ts_text: TsText) -> None:
        self.rng, self.r, self.pop, self.ref, self.bank, self.ts_text = rng, rng.random, pop, ref, bank, ts_text
        self.found = Candidates()
        # A table of log-normal draws replaces a lognormvariate() call per row (call durations).
        self._lognormal = [rng.lognormvariate(0.0, 0.55) for _ in range(4096)]

    def build(self, sk: Skeleton, start: int, ids: Sequence[int]) -> list[tuple]:
        """Rows (INTERACTION_FIELDS order) for skeleton entries ``start…``, one per id in ``ids``.

        One long loop on purpose: it runs a million times, and locals plus inline choices are what keep it
        at a few microseconds per row.
        """
        r, pop, ref, bank, ts_text, found = self.r, self.pop, self.ref, self.bank, self.ts_text, self.found
        agents, sups = ref.agents, ref.supervisors
        n_agents, n_sups = len(agents), len(sups)
        rows = []
        for k, iid in enumerate(ids):
            j = start + k
            c = sk.customer[j]
            epoch = sk.ts[j]
            channel = _CHANNELS[bisect.bisect(_CHANNEL_CUM, r())]
            dnd = pop.dnd[c]
            fraud = False
            if channel in ("inbound_call", "online_chat", "email"):
                y = r()
                category = "consultation" if y < 0.55 else "guidance" if y < 0.83 else "complaint" \
                    if y < 0.97 else "consultation"
                direction = "out" if channel == "email" and r() < 0.1 else "in"
                fraud = channel != "email" and r() < 0.006
            elif channel == "branch":
                y = r()
                category = "consultation" if y < 0.45 else "guidance" if y < 0.85 else "complaint" \
                    if y < 0.93 else "marketing"
                direction = "in"
                fraud = r() < 0.006
            else:
                y = r()
                category = "return_visit" if dnd or y < 0.62 else "marketing" if y < 0.92 or channel == "sms" \
                    else "consultation"
                direction = "out"
            if fraud:
                category = "complaint" if r() < 0.15 else "consultation"
            outcome, verification, duration = self._outcome(channel, category, fraud, pop.elderly[c])
            satisfaction = reason = None
            if outcome not in (None, "unreachable") and channel != "email" and r() < 0.48:
                scale = _SAT_COMPLAINT if category == "complaint" else _SAT_NORMAL
                satisfaction = 1 + bisect.bisect(scale, r())
                if satisfaction <= 2:
                    reason = LOW_SATISFACTION_REASONS[int(r() * len(LOW_SATISFACTION_REASONS))]
                elif satisfaction == 3 and r() < 0.3:
                    reason = MID_SATISFACTION_REASONS[int(r() * len(MID_SATISFACTION_REASONS))] or None
            note, topic, escalation = bank.make(r, category, channel, verification, outcome or "resolved",
                                                pop.elderly[c], fraud, satisfaction is not None and satisfaction <= 2)
            staff = agents[int(r() * n_agents)]
            owner = pop.owner[c]
            if (fraud or outcome == "escalated") and r() < 0.3:
                staff = sups[int(r() * n_sups)]
            elif owner is not None and category in ("return_visit", "marketing") and r() < 0.7:
                staff = owner
            t = ts_text(epoch, micro_of(epoch))
            rows.append((iid, 1, t, t, pop.ids[c], staff, t, channel, direction, category, note, duration, outcome,
                         verification, satisfaction, reason, fraud))
            if fraud:
                found.frauds.append((iid, c, epoch, topic, staff, channel))
            elif category == "complaint" and topic:
                found.complaints.append((iid, c, epoch, topic, escalation, staff, note))
            if outcome == "follow_up":
                found.followups.append((iid, c, epoch, category, staff))
        return rows

    def _outcome(self, channel: str, category: str, fraud: bool, elderly: bool) -> tuple:
        """(outcome, verification, duration in seconds) for one interaction."""
        r, ln = self.r, self._lognormal
        if channel == "sms":
            return None, "not_done", None
        if channel == "outbound_call" and r() < 0.16:
            return "unreachable", "not_done", int(r() * 35)
        x = r()
        if fraud:
            outcome = "escalated" if x < 0.5 else "resolved"
        elif category == "complaint":
            outcome = "resolved" if x < 0.40 else "follow_up" if x < 0.60 else "escalated" if x < 0.75 \
                else "transferred"
        else:
            outcome = "resolved" if x < 0.87 else "follow_up" if x < 0.89 else "transferred" if x < 0.97 \
                else "other" if x < 0.99 else "escalated"
        v = r()
        if channel == "inbound_call":
            verification = "passed" if v < 0.78 else "partial" if v < 0.85 else "failed" if v < 0.89 else "not_done"
        elif channel == "online_chat":
            verification = "passed" if v < 0.60 else "failed" if v < 0.65 else "not_done"
        elif channel == "branch":
            verification = "passed" if v < 0.95 else "not_done"
        elif channel == "outbound_call":
            verification = "passed" if v < 0.55 else "not_done"
        else:
            verification = "not_done"
        if channel == "email":
            return outcome, verification, None
        base = {"inbound_call": 210, "outbound_call": 150, "online_chat": 480, "branch": 900}[channel]
        scale = ln[int(r() * 4096)] * (1.8 if category == "complaint" or fraud else 1.0) * (1.3 if elderly else 1.0)
        return outcome, verification, int(30 + base * scale)
