"""Demo complaint cases (with history, extensions and escalations) and follow-up promises (some overdue, some
rescheduled into chains), derived from the generated interactions. Modest numbers: a few percent of them."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from crm import settings
from crm.demo import text
from crm.demo.activity import Candidates
from crm.demo.catalog import Reference
from crm.demo.customers import Population
from crm.demo.writer import TsText
from crm.services import case_deadlines

DAY, HOUR = 86400, 3600
CASE_FIELDS = (
    "id", "version", "created_at", "updated_at", "case_no", "customer", "interaction", "category", "severity",
    "department", "owner", "accused_staff", "status", "priority", "escalated", "repeat_of", "summary",
    "description", "opened_at", "first_feedback_due", "first_feedback_at", "resolution_due", "extension_level",
    "paused_since", "paused_seconds", "resolution", "root_cause", "corrective_action", "further_channels_told",
    "resolved_at", "satisfaction", "closed_at",
)
CASE_UPDATE_FIELDS = ("case", "ts", "author", "kind", "text", "status_from", "status_to")
EXTENSION_FIELDS = ("case", "level", "requested_by", "approved_by", "reason", "ts", "new_due")
ESCALATION_FIELDS = ("interaction", "customer", "case", "kind", "rule_id", "evidence_text", "action_taken", "note",
                     "created_by", "ts")
FOLLOWUP_FIELDS = (
    "id", "version", "created_at", "updated_at", "customer", "owner", "due_at", "purpose", "case", "opportunity",
    "interaction", "status", "attempts", "chained_from", "note", "created_by", "completed_at", "snoozed_until",
)
ATTEMPT_FIELDS = ("followup", "ts", "staff", "outcome", "note", "rescheduled_to", "interaction")

_TOPIC = {topic: (category, dept) for topic, category, dept, _w, _t in text.COMPLAINTS}
_ESCALATION_TEXT = dict(text.ESCALATION_PHRASES)
_FRAUD_EVIDENCE = {
    "fraud.safe_account": "安全账户", "fraud.verification_code": "验证码", "fraud.task_scam": "刷单",
    "fraud.refund": "退款客服", "fraud.investment_group": "高回报", "fraud.impersonation": "领导",
    "fraud.elderly_cash": "保健品投资款",
}
_PROMISE_SECONDS = (2 * HOUR, 24 * HOUR, DAY, 2 * DAY, 3 * DAY)
_OPEN = ("accepted", "in_progress", "awaiting_customer")


@dataclass
class CaseworkRows:
    cases: list[tuple] = field(default_factory=list)
    updates: list[tuple] = field(default_factory=list)
    extensions: list[tuple] = field(default_factory=list)
    escalations: list[tuple] = field(default_factory=list)
    followups: list[tuple] = field(default_factory=list)
    attempts: list[tuple] = field(default_factory=list)


def pick_cases(found: Candidates, rng: random.Random, now_epoch: int) -> list[tuple[tuple, bool]]:
    """Complaints that become cases, as (candidate, keep open): 30 % of those threatening escalation, 2 % of
    the rest; plus a dozen from the last 30 days kept open, so that even small runs have open cases, some
    near or past their deadline."""
    r = rng.random
    picked = [r() < (0.3 if c[4] else 0.02) for c in found.complaints]
    keep_open = [False] * len(picked)
    for newest, oldest, n in ((0, 10, 5), (10, 15, 4), (15, 30, 3)):
        window = [i for i, c in enumerate(found.complaints)
                  if now_epoch - oldest * DAY <= c[2] < now_epoch - newest * DAY]
        for i in rng.sample(window, min(n, len(window))):
            picked[i] = keep_open[i] = True
    return [(c, o) for c, p, o in zip(found.complaints, picked, keep_open, strict=True) if p]


class CaseworkBuilder:
    def __init__(self, rng: random.Random, pop: Population, ref: Reference, ts_text: TsText, now_epoch: int,
                 taken_case_nos: set[str]) -> None:
        self.rng, self.r, self.pop, self.ref, self.ts, self.now = rng, rng.random, pop, ref, ts_text, now_epoch
        self.taken = taken_case_nos
        self.feedback_hours = settings.default("cases.first_feedback_hours")
        self.resolution_days = settings.default("cases.resolution_days")
        self.out = CaseworkRows()
        self.open_cases: list[tuple] = []  # (case id, cust, owner, opened epoch)

    # --- cases -----------------------------------------------------------------------------------

    def cases(self, chosen: list[tuple[tuple, bool]], case_ids: Sequence[int]) -> None:
        by_customer: dict[int, int] = {}
        for case_id, (cand, keep_open) in zip(case_ids, chosen, strict=True):
            self._case(case_id, cand, by_customer.get(cand[1]), keep_open)
            by_customer[cand[1]] = case_id

    def _case_no(self, epoch: int) -> str:
        """The app's numbering (crm.services.cases): TS + UTC date + per-day sequence, e.g. TS20261123-0007."""
        day = self.ts(epoch)[:10].replace("-", "")
        n = 1
        while f"TS{day}-{n:04d}" in self.taken:
            n += 1
        self.taken.add(f"TS{day}-{n:04d}")
        return f"TS{day}-{n:04d}"

    def _resolution_due(self, opened: int, level: int) -> int:
        """The deadline the case service would set: working days on the shipped calendar."""
        start = dt.datetime.fromtimestamp(opened, dt.timezone.utc)
        return int(case_deadlines.resolution_due(start, level, 0).timestamp())

    def _case(self, case_id: int, cand: tuple, repeat_of: int | None, keep_open: bool) -> None:
        r, ts, now, ref = self.r, self.ts, self.now, self.ref
        iid, c, opened, topic, escalation, staff, note = cand
        category, dept = _TOPIC[topic]
        age = (now - opened) / DAY
        status = ("in_progress", "in_progress", "in_progress", "awaiting_customer", "accepted")[int(r() * 5)] \
            if keep_open else self._status(age)
        extension = 0
        if status in _OPEN and not keep_open and age >= self.resolution_days and r() < 0.45:
            extension = 2 if age > 30 and r() < 0.5 else 1  # at the deadline: extended (15 + 15, then +30)
        due = self._resolution_due(opened, extension)
        handlers = ref.supervisors if escalation else ref.agents  # escalated complaints go to a supervisor
        owner = handlers[int(r() * len(handlers))]
        accused = None
        if topic == "attitude":
            accused = next(a for a in ref.agents[int(r() * len(ref.agents)):] + ref.agents if a != owner)
        # First feedback usually within the promised hours, sometimes late.
        feedback_at = None if status == "accepted" else min(
            opened + int((0.3 + r() * r() * 3 * self.feedback_hours) * HOUR), now)
        resolved_at = closed_at = satisfaction = None
        resolution = root_cause = action = ""
        summary, causes, actions, resolutions = text.CASE_TEXTS[topic]
        if status in ("resolved", "closed"):
            resolved_at = min(opened + int((0.5 + r() * min(age, 14)) * DAY), now)
            resolution = resolutions[int(r() * len(resolutions))]
            root_cause = causes[int(r() * len(causes))]
            action = actions[int(r() * len(actions))]
            if status == "closed":
                closed_at = min(resolved_at + int(r() * 3 * DAY), now)
                if r() < 0.8:
                    x = r()
                    satisfaction = 5 if x < 0.4 else 4 if x < 0.7 else 3 if x < 0.85 else 2 if x < 0.95 else 1
        paused_since = min(now - int(r() * 3 * DAY), now) if status == "awaiting_customer" else None
        if paused_since is not None and paused_since < opened:
            paused_since = opened + HOUR
        severity = ("high" if r() < 0.7 else "critical") if escalation else ("low", "medium", "medium", "high")[
            int(r() * 4)]
        priority = "urgent" if escalation in ("regulator", "hotline_12378", "media") else "high" \
            if escalation or r() < 0.15 else "normal"
        if escalation:
            summary += "（客户称将升级投诉）"
        cust_id = self.pop.ids[c]
        self.out.cases.append((
            case_id, 1, ts(opened), ts(closed_at or resolved_at or feedback_at or opened), self._case_no(opened),
            cust_id, iid, ref.case_categories[category], severity, ref.departments[dept], owner, accused, status,
            priority, bool(escalation), repeat_of, summary, note, ts(opened), ts(opened + self.feedback_hours * HOUR),
            ts(feedback_at) if feedback_at else None, ts(due), extension,
            ts(paused_since) if paused_since else None, int(r() * DAY) if paused_since and r() < 0.3 else 0,
            resolution, root_cause, action, status == "closed", ts(resolved_at) if resolved_at else None,
            satisfaction, ts(closed_at) if closed_at else None,
        ))
        self._history(case_id, owner, opened, status, feedback_at, paused_since, resolved_at, closed_at, dept,
                      escalation, extension)
        if escalation:
            self.out.escalations.append((iid, cust_id, case_id, "complaint_escalation", f"complaint.{escalation}",
                                         _ESCALATION_TEXT[escalation], "priority_raised", "", owner, ts(opened)))
        if status in _OPEN:
            self.open_cases.append((case_id, c, owner, opened, iid))

    def _status(self, age: float) -> str:
        x = self.r()
        if age <= 12:
            return "accepted" if x < 0.2 else "in_progress" if x < 0.65 else "awaiting_customer" if x < 0.8 \
                else "resolved" if x < 0.95 else "closed"
        if age <= 16:  # the deadline is close: most are still being worked on
            return "accepted" if x < 0.05 else "in_progress" if x < 0.6 else "awaiting_customer" if x < 0.75 \
                else "resolved" if x < 0.92 else "closed"
        if age <= 45:
            return "closed" if x < 0.55 else "resolved" if x < 0.70 else "in_progress" if x < 0.9 \
                else "awaiting_customer"
        return "closed" if x < 0.9 else "resolved"

    def _history(self, case_id: int, owner: int, opened: int, status: str, feedback_at, paused_since,
                 resolved_at, closed_at, dept: str, escalation: str, extension: int) -> None:
        r, ts, ups = self.r, self.ts, self.out.updates
        ups.append((case_id, ts(opened), owner, "status", "受理投诉。", None, "accepted"))
        if escalation:
            ups.append((case_id, ts(opened + 60), owner, "escalation", "客户提及升级投诉，已报告主管并提高优先级。",
                        None, None))
        if feedback_at is None:
            return
        ups.append((case_id, ts(feedback_at), owner, "status", f"已转{dept}处理，首次反馈已告知客户。", "accepted",
                    "in_progress"))
        end = resolved_at or self.now
        for _ in range(1 + int(r() * 2)):
            when = feedback_at + int(r() * max(1, end - feedback_at))
            ups.append((case_id, ts(when), owner, "progress",
                        text.CASE_PROGRESS[int(r() * len(text.CASE_PROGRESS))], None, None))
        if extension:
            for level in range(1, extension + 1):
                when = min(opened + (12 + 10 * level) * DAY, self.now)
                new_due = self._resolution_due(opened, level)
                reason = text.EXTENSION_REASONS[int(r() * len(text.EXTENSION_REASONS))]
                approver = self.ref.supervisors[int(r() * len(self.ref.supervisors))] if level == 2 else None
                self.out.extensions.append((case_id, level, owner, approver, reason, ts(when), ts(new_due)))
                ups.append((case_id, ts(when), owner, "extension", reason, None, None))
        if paused_since is not None:
            ups.append((case_id, ts(paused_since), owner, "pause", "等待客户提供相关凭证。", "in_progress",
                        "awaiting_customer"))
        if resolved_at is not None:
            ups.append((case_id, ts(resolved_at), owner, "status", "已处理完毕并告知客户处理结果。", "in_progress",
                        "resolved"))
        if closed_at is not None:
            ups.append((case_id, ts(closed_at), owner, "status", text.FURTHER_CHANNELS, "resolved", "closed"))

    # --- fraud escalations -----------------------------------------------------------------------

    def frauds(self, found: Candidates) -> None:
        r, ts = self.r, self.ts
        for iid, c, epoch, rule, staff, channel in found.frauds:
            x = r()
            action = "branch_security_notified" if channel == "branch" and x < 0.5 else "dissuasion_script" \
                if x < 0.75 else "supervisor_notified" if x < 0.93 else "police_96110"
            self.out.escalations.append((iid, self.pop.ids[c], None, "fraud", rule, _FRAUD_EVIDENCE.get(rule, ""),
                                         action, "", staff, ts(epoch + 120)))

    # --- follow-ups ------------------------------------------------------------------------------

    def followups(self, found: Candidates, reserve) -> None:
        """``reserve(n)`` returns n fresh FollowUp ids (chains need the predecessor's id up front)."""
        plans: list[tuple] = []
        for iid, c, epoch, category, staff in found.followups:
            purpose = {"complaint": "complaint_feedback", "marketing": "opportunity",
                       "return_visit": "satisfaction_visit"}.get(category, "other")
            due = epoch + _PROMISE_SECONDS[int(self.r() * len(_PROMISE_SECONDS))]
            plans.append((c, staff, epoch, due, purpose, None, iid))
        for case_id, c, owner, opened, iid in self.open_cases:
            due = max(opened + DAY, self.now - int((self.r() * 5 - 2) * DAY))
            plans.append((c, owner, opened, due, "complaint_feedback", case_id, iid))
        chains = [self.r() < 0.08 for _ in plans]
        ids = iter(reserve(len(plans) + sum(chains)))
        for plan, chained in zip(plans, chains, strict=True):
            self._followup(next(ids), plan, next(ids) if chained else None)

    def _followup(self, fid: int, plan: tuple, successor: int | None) -> None:
        r, ts, now = self.r, self.ts, self.now
        c, staff, created, due, purpose, case_id, iid = plan
        cust = self.pop.ids[c]
        notes = text.FOLLOWUP_NOTES[purpose]
        note = notes[int(r() * len(notes))]
        if successor is not None and due < now:
            outcome = ("no_answer", "busy", "call_back_later")[int(r() * 3)]
            new_due = due + int((1 + r()) * DAY)
            self.out.followups.append((fid, 1, ts(created), ts(due), cust, staff, ts(due), purpose, case_id, None,
                                       iid, "done", 1, None, note, staff, ts(due), None))
            self.out.attempts.append((fid, ts(due), staff, outcome, "", ts(new_due), None))
            self._single(successor, cust, staff, due, new_due, purpose, case_id, iid, note, chained_from=fid)
            return
        self._single(fid, cust, staff, created, due, purpose, case_id, iid, note, chained_from=None)

    def _single(self, fid: int, cust: int, staff: int, created: int, due: int, purpose: str, case_id, iid,
                note: str, chained_from: int | None) -> None:
        r, ts, now = self.r, self.ts, self.now
        x = r()
        completed = None
        attempts = 0
        snoozed = None
        if due < now - 2 * DAY:
            status = "done" if x < 0.92 else "cancelled" if x < 0.95 else "escalated" if x < 0.97 else "open"
        else:
            status = "done" if due < now and x < 0.3 else "open"
        if case_id is not None and status != "open":
            status = "open"
        if status == "done":
            completed = min(created + int(r() * (due - created + DAY)), now)
            attempts = 1 + (r() < 0.15)
            if attempts == 2:
                self.out.attempts.append((fid, ts(max(created, completed - 3 * HOUR)), staff, "no_answer", "", None,
                                          None))
            self.out.attempts.append((fid, ts(completed), staff, "reached", "", None, None))
        elif status == "open" and due < now and r() < 0.4:
            attempts = 1
            self.out.attempts.append((fid, ts(min(due + HOUR, now)), staff, "no_answer", "", None, None))
        elif status == "open" and r() < 0.03:
            snoozed = now + DAY
        self.out.followups.append((fid, 1, ts(created), ts(completed or created), cust, staff, ts(due), purpose,
                                   case_id, None, iid, status, attempts, chained_from, note, staff,
                                   ts(completed) if completed else None, ts(snoozed) if snoozed else None))

