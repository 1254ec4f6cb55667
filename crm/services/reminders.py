"""Reminders while the app runs: follow-ups and case deadlines that came due since the last check, snoozing,
and never showing the same thing twice.

The app keeps a set of shown keys for the session and calls ``due_reminders`` on a timer. A key names the
item *and* the instant it came due, so a follow-up moved to another time or snoozed reminds again when that
time comes, while one that was handled (done, cancelled, escalated, resolved) simply stops matching.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crm.codes import AuditAction, FollowUpStatus
from crm.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from crm.models import FollowUp, StaffUser
from crm.models.fields import format_utc
from crm.services import audit
from crm.services.agenda import case_alerts
from crm.services.base import now_utc, versioned_update
from crm.services.followups import list_rows
from crm.services.staff import SUPERVISOR_ROLES
from crm.workcalendar import WorkCalendar

DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class Reminder:
    """One notification: ``kind`` is "followup" or "case"; ``state`` for cases is near / overdue."""

    key: str
    kind: str
    id: int
    due_at: dt.datetime
    customer_id: int
    customer_name: str
    phone: str  # masked ("" for cases)
    purpose: str  # follow-up purpose, or the case deadline ("first_feedback" / "resolution")
    state: str
    label: str  # case number for cases, the note's first line for follow-ups


def due_reminders(owner: StaffUser | int, now: dt.datetime | None = None, already_shown: set[str] | None = None,
                  *, limit: int = DEFAULT_LIMIT, calendar: WorkCalendar | None = None) -> list[Reminder]:
    """What to show now: the owner's open follow-ups due by ``now`` (not snoozed past it) and their cases
    near or past a deadline, minus the keys in ``already_shown``. The returned keys are added to
    ``already_shown``, so calling again shows nothing new until something else comes due. At most ``limit``
    (the most recent first); the rest stay in the agenda and come in later calls."""
    now = now or now_utc()
    shown = already_shown if already_shown is not None else set()
    owner_id = owner.id if isinstance(owner, StaffUser) else int(owner)
    out: list[Reminder] = []
    rows = list_rows((FollowUp.owner == owner_id) & (FollowUp.status == FollowUpStatus.OPEN)
                     & (FollowUp.due_at <= now)
                     & (FollowUp.snoozed_until.is_null() | (FollowUp.snoozed_until <= now)),
                     order=(FollowUp.due_at.desc(), FollowUp.id.desc()), limit=500)
    for r in rows:
        due = max(r.due_at, r.snoozed_until) if r.snoozed_until else r.due_at
        key = f"followup:{r.id}:{format_utc(due)}"
        if key not in shown:
            out.append(Reminder(key, "followup", r.id, due, r.customer_id, r.customer_name, r.phone, r.purpose,
                                "due", r.note.splitlines()[0] if r.note else ""))
    for a in case_alerts(owner_id, now, calendar):
        key = f"case:{a.case_id}:{a.which}:{a.state}:{format_utc(a.due)}"
        if key not in shown:
            out.append(Reminder(key, "case", a.case_id, a.due, a.customer_id, a.customer_name, "", a.which,
                                a.state, a.case_no))
    out.sort(key=lambda r: r.due_at, reverse=True)
    out = out[:limit]
    shown.update(r.key for r in out)
    return out


def snooze(actor: StaffUser, followup_id: int, until: dt.datetime, *, expected_version: int | None = None,
           now: dt.datetime | None = None) -> dt.datetime:
    """Quiet a follow-up's reminder until ``until`` (its owner or a supervisor); it reminds again then."""
    now = now or now_utc()
    if until is None or until.tzinfo is None:
        raise ValidationError("timezone_required", field="until")
    if until <= now:
        raise ValidationError("in_the_past", field="until")
    if until > now + dt.timedelta(days=30):
        raise ValidationError("out_of_range", field="until", max_days=30)
    with FollowUp._meta.database.atomic():
        row = FollowUp.get_or_none(FollowUp.id == followup_id)
        if row is None:
            raise NotFound("not_found", entity="followup", id=followup_id)
        if row.owner_id != actor.id and actor.role not in SUPERVISOR_ROLES:
            raise PermissionDenied("not_owner", field="owner")
        if row.status != FollowUpStatus.OPEN:
            raise ValidationError("not_open", field="status", status=str(row.status))
        if expected_version is not None and expected_version != row.version:
            raise ConflictError("stale_version", entity="followup", id=followup_id, expected=expected_version,
                                current=row.version)
        versioned_update(FollowUp, row.id, row.version, {"snoozed_until": until})
        audit.record(actor, AuditAction.UPDATE, "followup", row.id, snoozed_until=until)
    return until
