"""Follow-ups as an iCalendar file (RFC 5545), so Outlook or a phone calendar reminds the agent even when the
CRM is closed.

One VEVENT per open follow-up with a VALARM 15 minutes before; the UID is stable (``followup-<id>@bank-crm``)
and SEQUENCE is the row's version, so importing a newer export updates events instead of duplicating them.
Follow-ups finished or cancelled recently are written as STATUS:CANCELLED so the calendar drops them too.
Customers appear masked (surname + asterisks, masked mobile); notes go through the identifier masker.
The file is written beside the target and renamed over it: a reader never sees half a calendar.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from crm.codes import AuditAction, FollowUpStatus
from crm.errors import NotFound, ValidationError
from crm.identifiers import mask_identifiers_in_text
from crm.models import FollowUp, StaffUser
from crm.services import audit
from crm.services.base import now_utc
from crm.services.followups import FollowUpRow, list_rows
from crm.workcalendar import WorkCalendar, default_calendar

PRODID = "-//bank-crm//follow-ups//ZH"
UID_DOMAIN = "bank-crm"
EVENT_MINUTES = 15
ALARM_MINUTES = 15
PURPOSES = {
    "zh": {"complaint_feedback": "投诉进展反馈", "satisfaction_visit": "满意度回访", "opportunity": "商机跟进",
           "periodic_care": "定期回访", "supervisor_call": "主管回访", "other": "跟进回访"},
    "en": {"complaint_feedback": "Complaint feedback", "satisfaction_visit": "Satisfaction visit",
           "opportunity": "Opportunity", "periodic_care": "Periodic care", "supervisor_call": "Supervisor call",
           "other": "Follow-up"},
}
_CLOSED = (FollowUpStatus.DONE, FollowUpStatus.CANCELLED, FollowUpStatus.ESCALATED)


@dataclass(frozen=True)
class IcsExport:
    path: Path
    events: int  # open follow-ups
    cancelled: int  # recently finished ones written as cancelled


def mask_name(name: str) -> str:
    """张三丰 -> 张**; John Smith -> J*** S****: enough for the agent to recognise, not to identify."""
    name = (name or "").strip()
    if not name:
        return ""
    if " " not in name:
        return name[0] + "*" * max(1, len(name) - 1)
    return " ".join(w[0] + "*" * (len(w) - 1) for w in name.split())


def export_followups(path: Path | str, owner: StaffUser | int | str | None = None, now: dt.datetime | None = None,
                     *, actor: StaffUser | None = None, language: str = "zh", cancelled_days: int = 14,
                     calendar: WorkCalendar | None = None) -> IcsExport:
    """Write ``owner``'s follow-ups (everyone's when None; a username is accepted) to ``path``."""
    from icalendar import Calendar, Timezone  # on first use: only this export needs it

    if language not in PURPOSES:
        raise ValidationError("invalid_choice", field="language", value=str(language))
    path = Path(path)
    now = now or now_utc()
    tz = (calendar or default_calendar()).tz
    owner_id = _owner_id(owner)
    mine = (lambda cond: cond & (FollowUp.owner == owner_id)) if owner_id is not None else (lambda cond: cond)
    open_rows = list_rows(mine(FollowUp.status == FollowUpStatus.OPEN))
    closed_rows = list_rows(mine(FollowUp.status.in_(list(_CLOSED))
                                 & (FollowUp.due_at >= now - dt.timedelta(days=cancelled_days))))
    cal = Calendar()
    for key, value in (("prodid", PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"), ("method", "PUBLISH"),
                       ("x-wr-calname", "客服跟进回访" if language == "zh" else "CRM follow-ups"),
                       ("x-wr-timezone", tz.key)):
        cal.add(key, value)
    cal.add_component(Timezone.from_tzid(tz.key))
    for row in open_rows:
        cal.add_component(_event(row, now, tz, language, cancelled=False))
    for row in closed_rows:
        cal.add_component(_event(row, now, tz, language, cancelled=True))
    _write_atomically(path, cal.to_ical())
    audit.record(actor, AuditAction.EXPORT, "followup", None, format="ics", owner=owner_id, events=len(open_rows),
                 cancelled=len(closed_rows), file=path.name)
    return IcsExport(path, len(open_rows), len(closed_rows))


def _owner_id(owner: StaffUser | int | str | None) -> int | None:
    if owner is None or isinstance(owner, int):
        return owner
    if isinstance(owner, StaffUser):
        return owner.id
    found = StaffUser.select(StaffUser.id).where(StaffUser.username == owner.strip().lower()).scalar()
    if found is None:
        raise NotFound("not_found", entity="staff_user", id=owner)
    return found


def _event(row: FollowUpRow, now: dt.datetime, tz, language: str, *, cancelled: bool):
    from icalendar import Alarm, Event

    label = PURPOSES[language].get(row.purpose, PURPOSES[language]["other"])
    who = " ".join(p for p in (mask_name(row.customer_name), row.phone) if p)
    summary = f"{label}：{who}" if language == "zh" else f"{label}: {who}"
    start = row.due_at.astimezone(tz).replace(microsecond=0)  # iCalendar times are to the second
    event = Event()
    event.add("uid", f"followup-{row.id}@{UID_DOMAIN}")
    event.add("sequence", row.version)
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=EVENT_MINUTES))
    event.add("summary", summary)
    lines = [f"CRM #{row.id}", f"{'尝试次数' if language == 'zh' else 'Attempts'}: {row.attempts}"]
    if row.note:
        lines.append(mask_identifiers_in_text(row.note))
    event.add("description", "\n".join(lines))
    event.add("categories", [label])
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    if not cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", dt.timedelta(minutes=-ALARM_MINUTES))
        event.add_component(alarm)
    return event


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
