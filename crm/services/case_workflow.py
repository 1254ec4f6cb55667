"""Complaint case workflow: allowed status changes (受理 → 处理中 → 待客户反馈 → 已解决 → 已关闭), the
clock pausing while the customer is awaited, approved deadline extensions, closing (溯源整改, further channels told,
a satisfaction return visit) and escalating cases near or past their deadline to a supervisor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crm.codes import AuditAction, CaseStatus, CaseUpdateKind, EscalationAction, EscalationKind, FollowUpPurpose
from crm.errors import ConflictError, NotFound, ValidationError
from crm.models import CaseExtension, ComplaintCase, Escalation, StaffUser
from crm.services import audit, followups
from crm.services.base import now_utc, versioned_update
from crm.services.case_deadlines import OPEN_STATUSES, deadline_info, needs_escalation, resolution_due
from crm.services.cases import ENTITY, CaseRow, get_case, load_case, log_update
from crm.services.options import option
from crm.services.staff import require_supervisor, supervisor_for
from crm.workcalendar import WorkCalendar, default_calendar

MAX_TEXT = 4000
TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.ACCEPTED: frozenset({CaseStatus.IN_PROGRESS, CaseStatus.AWAITING_CUSTOMER, CaseStatus.RESOLVED}),
    CaseStatus.IN_PROGRESS: frozenset({CaseStatus.AWAITING_CUSTOMER, CaseStatus.RESOLVED}),
    CaseStatus.AWAITING_CUSTOMER: frozenset({CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED}),
    CaseStatus.RESOLVED: frozenset({CaseStatus.IN_PROGRESS, CaseStatus.CLOSED}),  # reopened if not accepted
    CaseStatus.CLOSED: frozenset(),
}


@dataclass(frozen=True)
class ExtensionRow:
    id: int
    case_id: int
    level: int
    requested_by: int
    approved_by: int | None
    reason: str
    ts: dt.datetime
    new_due: dt.datetime


def _text(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError("required", field=field)
    if len(value) > MAX_TEXT:
        raise ValidationError("too_long", field=field, max=MAX_TEXT)
    return value


def _transition(actor: StaffUser, case: ComplaintCase, to: CaseStatus, changes: dict, note: str,
                ts: dt.datetime, cal: WorkCalendar) -> None:
    """Check the move, stop or restart the clock, save, and write history and audit (caller's transaction)."""
    current = CaseStatus(case.status)
    if to not in TRANSITIONS[current]:
        raise ValidationError("invalid_transition", field="status", status_from=current, status_to=to)
    kind = CaseUpdateKind.STATUS
    changes = {"status": to, **changes}
    if to == CaseStatus.AWAITING_CUSTOMER:
        kind = CaseUpdateKind.PAUSE
        changes["paused_since"] = ts
        if case.first_feedback_at is None:  # asking the customer is giving them feedback
            changes["first_feedback_at"] = ts
    elif current == CaseStatus.AWAITING_CUSTOMER:
        kind = CaseUpdateKind.RESUME
        paused = int(cal.working_seconds_between(case.paused_since, ts)) if case.paused_since else 0
        total = case.paused_seconds + max(0, paused)
        changes.update(paused_since=None, paused_seconds=total,
                       resolution_due=resolution_due(case.opened_at, case.extension_level, total, cal))
    versioned_update(ComplaintCase, case.id, case.version, changes)
    log_update(case.id, actor, kind, note, ts=ts, status_from=current, status_to=to)
    audit.record(actor, AuditAction.UPDATE, ENTITY, case.id, status_from=current, status_to=to,
                 paused_seconds=changes.get("paused_seconds"))


def change_status(actor: StaffUser, case_id: int, status: str, *, note: str = "",
                  expected_version: int | None = None, now: dt.datetime | None = None,
                  calendar: WorkCalendar | None = None) -> CaseRow:
    """Move to 处理中 or 待客户反馈 (the clock pauses there); resolving and closing have their own calls."""
    try:
        to = CaseStatus(status)
    except ValueError:
        raise ValidationError("invalid_choice", field="status", value=str(status)) from None
    if to in (CaseStatus.RESOLVED, CaseStatus.CLOSED):
        raise ValidationError("required", field="resolution" if to == CaseStatus.RESOLVED else "root_cause")
    with ComplaintCase._meta.database.atomic():
        case = load_case(case_id, expected_version)
        _transition(actor, case, to, {}, (note or "").strip(), now or now_utc(), calendar or default_calendar())
    return get_case(case_id)


def resolve_case(actor: StaffUser, case_id: int, resolution: str, *, expected_version: int | None = None,
                 now: dt.datetime | None = None, calendar: WorkCalendar | None = None) -> CaseRow:
    """已解决: the decision is made and told to the customer (meets the first-feedback promise too)."""
    resolution = _text(resolution, "resolution")
    ts = now or now_utc()
    with ComplaintCase._meta.database.atomic():
        case = load_case(case_id, expected_version)
        changes = {"resolution": resolution, "resolved_at": ts}
        if case.first_feedback_at is None:
            changes["first_feedback_at"] = ts
        _transition(actor, case, CaseStatus.RESOLVED, changes, resolution, ts, calendar or default_calendar())
    return get_case(case_id)


def reopen_case(actor: StaffUser, case_id: int, reason: str, *, expected_version: int | None = None,
                now: dt.datetime | None = None, calendar: WorkCalendar | None = None) -> CaseRow:
    """Back to 处理中 from 已解决 (the customer does not accept the decision)."""
    reason = _text(reason, "reason")
    with ComplaintCase._meta.database.atomic():
        case = load_case(case_id, expected_version)
        if case.status != CaseStatus.RESOLVED:
            raise ValidationError("invalid_transition", field="status", status_from=case.status,
                                  status_to=CaseStatus.IN_PROGRESS)
        _transition(actor, case, CaseStatus.IN_PROGRESS, {"resolved_at": None}, reason, now or now_utc(),
                    calendar or default_calendar())
    return get_case(case_id)


def close_case(actor: StaffUser, case_id: int, *, root_cause: str, corrective_action: str,
               further_channels_told: bool, resolution: str | None = None, expected_version: int | None = None,
               now: dt.datetime | None = None, calendar: WorkCalendar | None = None) -> CaseRow:
    """已关闭: needs the resolution, root cause (溯源), corrective action (整改) and the customer told of their
    further channels; schedules a satisfaction return visit on the next working day and locks the case."""
    cal = calendar or default_calendar()
    ts = now or now_utc()
    with ComplaintCase._meta.database.atomic():
        case = load_case(case_id, expected_version)
        if case.status != CaseStatus.RESOLVED:
            raise ValidationError("invalid_transition", field="status", status_from=case.status,
                                  status_to=CaseStatus.CLOSED)
        changes = {"root_cause": _text(root_cause, "root_cause"),
                   "corrective_action": _text(corrective_action, "corrective_action"),
                   "resolution": _text(resolution if resolution is not None else case.resolution, "resolution")}
        if further_channels_told is not True:
            raise ValidationError("required", field="further_channels_told")
        changes.update(further_channels_told=True, closed_at=ts)
        _transition(actor, case, CaseStatus.CLOSED, changes, "", ts, cal)
        followups.ensure_satisfaction_visit(actor, case.id, ts, cal)
    return get_case(case_id)


# --- extensions ------------------------------------------------------------------------------------

def request_extension(actor: StaffUser, case_id: int, reason: str, *, now: dt.datetime | None = None,
                      calendar: WorkCalendar | None = None) -> ExtensionRow:
    """Ask for the next extension (to 30 days, then 30 more); a supervisor other than the requester approves."""
    reason = _text(reason, "reason")
    ts = now or now_utc()
    with ComplaintCase._meta.database.atomic():
        case = load_case(case_id)
        if case.status not in OPEN_STATUSES:
            raise ValidationError("invalid_transition", field="status", status_from=case.status)
        if case.extension_level >= 2:
            raise ValidationError("no_further_extension", field="extension_level")
        if CaseExtension.select().where((CaseExtension.case == case.id)
                                        & CaseExtension.approved_by.is_null()).exists():
            raise ValidationError("extension_pending", field="extension_level")
        level = case.extension_level + 1
        row = CaseExtension.create(case=case.id, level=level, requested_by=actor, reason=reason, ts=ts,
                                   new_due=resolution_due(case.opened_at, level, case.paused_seconds, calendar))
        log_update(case.id, actor, CaseUpdateKind.EXTENSION, f"requested level {level}: {reason}", ts=ts)
        audit.record(actor, AuditAction.CREATE, "case_extension", row.id, case=case.id, level=level)
    return _extension_row(row)


def approve_extension(actor: StaffUser, extension_id: int, *, now: dt.datetime | None = None,
                      calendar: WorkCalendar | None = None) -> CaseRow:
    require_supervisor(actor)
    ts = now or now_utc()
    with ComplaintCase._meta.database.atomic():
        ext = _pending(extension_id)
        if ext.requested_by_id == actor.id:
            raise ValidationError("approver_is_requester", field="approver")
        case = load_case(ext.case_id)
        if case.extension_level != ext.level - 1 or case.status not in OPEN_STATUSES:
            raise ConflictError("stale_extension", entity="case_extension", id=extension_id)
        due = resolution_due(case.opened_at, ext.level, case.paused_seconds, calendar)
        claimed = (CaseExtension.update(approved_by=actor, new_due=due)
                   .where((CaseExtension.id == ext.id) & CaseExtension.approved_by.is_null()).execute())
        if claimed != 1:
            raise ConflictError("stale_extension", entity="case_extension", id=extension_id)
        versioned_update(ComplaintCase, case.id, case.version, {"extension_level": ext.level, "resolution_due": due,
                                                               "escalated": False})
        log_update(case.id, actor, CaseUpdateKind.EXTENSION, f"approved level {ext.level}", ts=ts)
        audit.record(actor, AuditAction.UPDATE, "case_extension", ext.id, case=case.id, level=ext.level,
                     approved=True, requested_by=ext.requested_by_id)
    return get_case(case.id)


def reject_extension(actor: StaffUser, extension_id: int, reason: str, *, now: dt.datetime | None = None) -> None:
    """Refuse a pending request: it is removed (the case history and the audit trail keep it)."""
    require_supervisor(actor)
    reason = _text(reason, "reason")
    with ComplaintCase._meta.database.atomic():
        ext = _pending(extension_id)
        CaseExtension.delete().where(CaseExtension.id == ext.id).execute()
        log_update(ext.case_id, actor, CaseUpdateKind.EXTENSION, f"rejected level {ext.level}: {reason}",
                   ts=now or now_utc())
        audit.record(actor, AuditAction.DELETE, "case_extension", ext.id, case=ext.case_id, level=ext.level,
                     approved=False, reason=reason)


def extensions(case_id: int) -> list[ExtensionRow]:
    rows = CaseExtension.select().where(CaseExtension.case == case_id).order_by(CaseExtension.ts, CaseExtension.id)
    return [_extension_row(r) for r in rows]


def _pending(extension_id: int) -> CaseExtension:
    ext = CaseExtension.get_or_none(CaseExtension.id == extension_id)
    if ext is None:
        raise NotFound("not_found", entity="case_extension", id=extension_id)
    if ext.approved_by_id is not None:
        raise ConflictError("stale_extension", entity="case_extension", id=extension_id)
    return ext


def _extension_row(r: CaseExtension) -> ExtensionRow:
    return ExtensionRow(r.id, r.case_id, r.level, r.requested_by_id, r.approved_by_id, r.reason, r.ts, r.new_due)


# --- escalation ------------------------------------------------------------------------------------

def escalate_deadlines(actor: StaffUser, now: dt.datetime | None = None,
                       calendar: WorkCalendar | None = None) -> list[int]:
    """Flag open cases near or past their deadline, once each, with a supervisor follow-up; returns their ids.
    Safe to run from several desktops at once: a case another client escalated first is skipped."""
    cal = calendar or default_calendar()
    ts = now or now_utc()
    warn = float(option("cases.warn_fraction"))
    hours = float(option("followups.escalation_hours"))
    done: list[int] = []
    query = ComplaintCase.select().where(ComplaintCase.status.in_(OPEN_STATUSES) & ~ComplaintCase.escalated)
    for case in query.order_by(ComplaintCase.resolution_due):
        info = deadline_info(case, ts, cal, warn)
        if not needs_escalation(info):
            continue
        reason = f"deadline.{info.which}.{info.state}"
        supervisor = supervisor_for(case.owner)
        try:
            with ComplaintCase._meta.database.atomic():
                versioned_update(ComplaintCase, case.id, case.version, {"escalated": True})
                followups.create(actor, case.customer_id, cal.add_working_hours(ts, hours),
                                 FollowUpPurpose.SUPERVISOR_CALL, owner=supervisor, case_id=case.id, note=reason)
                Escalation.create(customer=case.customer_id, case=case.id, interaction=case.interaction_id,
                                  kind=EscalationKind.COMPLAINT_ESCALATION, rule_id=reason,
                                  action_taken=EscalationAction.SUPERVISOR_NOTIFIED, created_by=actor, ts=ts)
                log_update(case.id, actor, CaseUpdateKind.ESCALATION, reason, ts=ts)
                audit.record(actor, AuditAction.UPDATE, ENTITY, case.id, escalated=True, reason=reason,
                             supervisor=supervisor.id if supervisor else None)
        except ConflictError:
            continue
        done.append(case.id)
    return done
