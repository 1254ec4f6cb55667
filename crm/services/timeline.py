"""One timeline per customer, newest first, page by page (keyset pagination over several sources).

Sources: interactions (with satisfaction), complaint cases and their updates, follow-ups and their
attempts, opportunities, leads, and data changes from the audit log. Each source is read through an index
on (customer, time) with ``time < cursor`` and a limit, plus every row at exactly the cursor's time, then merged; the cursor is (ts, kind, id) of the
last item shown, so nothing repeats or goes missing between pages even when timestamps tie.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field
from typing import Any

import peewee

from crm.models import (
    AuditLog,
    Customer,
    CaseUpdate,
    ComplaintCase,
    FollowUp,
    FollowUpAttempt,
    Interaction,
    Lead,
    Opportunity,
    StaffUser,
)

PAGE = 50
_TIES_MAX = 10_000


@dataclass(frozen=True, order=True)
class Cursor:
    ts: dt.datetime
    kind: str
    id: int


@dataclass(frozen=True)
class TimelineItem:
    ts: dt.datetime
    kind: str  # interaction, case, case_update, followup, followup_attempt, opportunity, lead, change
    id: int
    summary: dict[str, Any] = field(compare=False, hash=False)

    @property
    def cursor(self) -> Cursor:
        return Cursor(self.ts, self.kind, self.id)


def _interactions(cid: int, before: dt.datetime | None, limit: int, exact: bool) -> list[TimelineItem]:
    q = (Interaction.select(Interaction.id, Interaction.ts, Interaction.channel, Interaction.category,
                            Interaction.notes, Interaction.duration_s, Interaction.outcome,
                            Interaction.verification, Interaction.satisfaction, Interaction.satisfaction_reason,
                            Interaction.fraud_flag, StaffUser.display_name)
         .join(StaffUser, on=(Interaction.staff == StaffUser.id))
         .where(Interaction.customer == cid))
    if before is not None:
        q = q.where(Interaction.ts == before if exact else Interaction.ts < before)
    keys = ("id", "ts", "channel", "category", "notes", "duration_s", "outcome", "verification",
            "satisfaction", "satisfaction_reason", "fraud_flag", "staff")
    return [TimelineItem(r[1], "interaction", r[0], dict(zip(keys, r)))
            for r in q.order_by(Interaction.ts.desc(), Interaction.id.desc()).limit(limit).tuples()]


def _simple(model, ts_field, kind: str, cid: int, before, limit: int, exact: bool, columns: tuple, join=None):
    q = model.select(model.id, ts_field, *columns)
    if join is not None:
        q = q.join(join[0], on=join[1]).where(join[2] == cid)
    else:
        q = q.where(model.customer == cid)
    if before is not None:
        q = q.where(ts_field == before if exact else ts_field < before)
    names = ["id", "ts"] + [c.name for c in columns]
    return [TimelineItem(r[1], kind, r[0], dict(zip(names, r)))
            for r in q.order_by(ts_field.desc(), model.id.desc()).limit(limit).tuples()]


def _present(cid: int) -> tuple[bool, bool, bool, bool, bool]:
    """Which optional sources have rows for this customer: one query instead of several empty reads."""
    def exists(query):
        return peewee.fn.EXISTS(query)

    row = (Customer.select(
        exists(ComplaintCase.select(ComplaintCase.id).where(ComplaintCase.customer == cid)),
        exists(FollowUp.select(FollowUp.id).where(FollowUp.customer == cid)),
        exists(Opportunity.select(Opportunity.id).where(Opportunity.customer == cid)),
        exists(Lead.select(Lead.id).where(Lead.customer == cid)),
        exists(AuditLog.select(AuditLog.id).where((AuditLog.entity == "customer")
                                                  & (AuditLog.entity_id == str(cid)))))
        .where(Customer.id == cid).tuples().first())
    return tuple(bool(v) for v in row) if row else (False,) * 5


def _sources(cid: int, before: dt.datetime | None, limit: int, exact: bool = False) -> list[list[TimelineItem]]:
    cases, followups, opportunities, leads, changes = _present(cid)
    out = [_interactions(cid, before, limit, exact)]
    if cases:
        out += [
            _simple(ComplaintCase, ComplaintCase.opened_at, "case", cid, before, limit, exact,
                    (ComplaintCase.case_no, ComplaintCase.status, ComplaintCase.summary,
                     ComplaintCase.resolution_due, ComplaintCase.priority)),
            _simple(CaseUpdate, CaseUpdate.ts, "case_update", cid, before, limit, exact,
                    (CaseUpdate.kind, CaseUpdate.text, CaseUpdate.status_from, CaseUpdate.status_to,
                     ComplaintCase.case_no),
                    join=(ComplaintCase, CaseUpdate.case == ComplaintCase.id, ComplaintCase.customer)),
        ]
    if followups:
        out += [
            _simple(FollowUp, FollowUp.created_at, "followup", cid, before, limit, exact,
                    (FollowUp.due_at, FollowUp.purpose, FollowUp.status, FollowUp.note)),
            _simple(FollowUpAttempt, FollowUpAttempt.ts, "followup_attempt", cid, before, limit, exact,
                    (FollowUpAttempt.outcome, FollowUpAttempt.note, FollowUp.purpose),
                    join=(FollowUp, FollowUpAttempt.followup == FollowUp.id, FollowUp.customer)),
        ]
    if opportunities:
        out.append(_simple(Opportunity, Opportunity.created_at, "opportunity", cid, before, limit, exact,
                           (Opportunity.category, Opportunity.status, Opportunity.evidence_text)))
    if leads:
        out.append(_simple(Lead, Lead.created_at, "lead", cid, before, limit, exact, (Lead.state, Lead.block_reason)))
    if changes:
        out.append(_changes(cid, before, limit, exact))
    return out


def _changes(cid: int, before: dt.datetime | None, limit: int, exact: bool) -> list[TimelineItem]:
    actor = peewee.fn.COALESCE(StaffUser.display_name, AuditLog.actor_name)
    q = (AuditLog.select(AuditLog.id, AuditLog.ts, AuditLog.action, actor, AuditLog.detail)
         .join(StaffUser, peewee.JOIN.LEFT_OUTER, on=(AuditLog.actor == StaffUser.id))
         .where((AuditLog.entity == "customer") & (AuditLog.entity_id == str(cid))))
    if before is not None:
        q = q.where(AuditLog.ts == before if exact else AuditLog.ts < before)
    keys = ("id", "ts", "action", "actor", "detail")
    return [TimelineItem(r[1], "change", r[0], dict(zip(keys, r)))
            for r in q.order_by(AuditLog.ts.desc(), AuditLog.id.desc()).limit(limit).tuples()]


def page(customer_id: int, after: Cursor | None = None, limit: int = PAGE) -> list[TimelineItem]:
    """The next ``limit`` items older than ``after`` (the first page when None), newest first."""
    sources = _sources(customer_id, after.ts if after is not None else None, limit)
    if after is not None:
        # Rows sharing the cursor's timestamp may outnumber a page: read them all (ties are few) so the
        # limited reads above cannot cut any of them off.
        ties = [i for source in _sources(customer_id, after.ts, _TIES_MAX, exact=True) for i in source]
        sources.append(sorted(ties, key=lambda i: i.cursor, reverse=True))
    merged = heapq.merge(*sources, key=lambda i: i.cursor, reverse=True)
    out: list[TimelineItem] = []
    seen: set[tuple[str, int]] = set()
    for item in merged:
        if (after is not None and not item.cursor < after) or (item.kind, item.id) in seen:
            continue
        seen.add((item.kind, item.id))
        out.append(item)
        if len(out) == limit:
            break
    return out
