"""Complaint cases (投诉工单): taxonomy, opening one (deadlines in working time, repeat and escalation-phrase
checks, 回避), reading, progress notes and assignment. Status changes, pauses, extensions and closing are in
crm.services.case_workflow; deadline arithmetic in crm.services.case_deadlines."""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

import peewee

from crm import identifiers, paths
from crm.codes import (
    AuditAction,
    CasePriority,
    CaseSeverity,
    CaseStatus,
    CaseUpdateKind,
    EscalationAction,
    EscalationKind,
)
from crm.errors import ConflictError, NotFound, ValidationError
from crm.models import CaseCategory, CaseUpdate, ComplaintCase, Customer, Department, Escalation, Interaction, StaffUser
from crm.services import audit
from crm.services.base import now_utc, versioned_update
from crm.services.case_deadlines import first_feedback_due, resolution_due
from crm.services.options import option
from crm.services.staff import require_supervisor
from crm.workcalendar import WorkCalendar

ENTITY = "complaint_case"
MAX_NOTE = 4000
DEFAULT_CATEGORIES = (  # code, 中文, English — editable in the database
    ("fees", "收费服务", "Fees and charges"), ("card", "银行卡", "Bank cards"),
    ("credit_card", "信用卡", "Credit cards"), ("loan", "贷款", "Loans"),
    ("wealth", "理财与代销", "Wealth and agency products"), ("e_banking", "电子银行", "E-banking"),
    ("service", "服务态度与质量", "Service attitude and quality"), ("deposit", "存款与账户", "Deposits and accounts"),
    ("other", "其他", "Other"),
)
DEFAULT_DEPARTMENTS = ("信用卡中心", "个贷部", "科技部", "运营部", "网点", "财富管理部", "客服中心")
_PRIORITY_RANK = {CasePriority.NORMAL: 0, CasePriority.HIGH: 1, CasePriority.URGENT: 2}


@dataclass(frozen=True)
class CaseRow:
    """One complaint case as the UI sees it (times are aware UTC)."""

    id: int
    case_no: str
    customer_id: int
    customer_name: str
    interaction_id: int | None
    category: str
    severity: str
    department: str | None
    owner_id: int | None
    accused_staff_id: int | None
    status: str
    priority: str
    escalated: bool
    repeat_of: int | None
    summary: str
    description: str
    opened_at: dt.datetime
    first_feedback_due: dt.datetime | None
    first_feedback_at: dt.datetime | None
    resolution_due: dt.datetime
    extension_level: int
    paused_since: dt.datetime | None
    paused_seconds: int
    resolution: str
    root_cause: str
    corrective_action: str
    further_channels_told: bool
    resolved_at: dt.datetime | None
    satisfaction: int | None
    closed_at: dt.datetime | None
    version: int


@dataclass(frozen=True)
class CaseUpdateRow:
    id: int
    ts: dt.datetime
    author_id: int
    author_name: str
    kind: str
    text: str
    status_from: str | None
    status_to: str | None


# --- taxonomy --------------------------------------------------------------------------------------

def ensure_taxonomy() -> None:
    """The default categories and departments, once."""
    if not CaseCategory.select().exists():
        CaseCategory.insert_many([{"code": c, "name_zh": zh, "name_en": en}
                                  for c, zh, en in DEFAULT_CATEGORIES]).execute()
    if not Department.select().exists():
        Department.insert_many([{"name": n} for n in DEFAULT_DEPARTMENTS]).execute()


def categories() -> list[tuple[int, str, str, str]]:
    ensure_taxonomy()
    return list(CaseCategory.select(CaseCategory.id, CaseCategory.code, CaseCategory.name_zh, CaseCategory.name_en)
                .where(CaseCategory.active).order_by(CaseCategory.id).tuples())


def departments() -> list[tuple[int, str]]:
    ensure_taxonomy()
    return list(Department.select(Department.id, Department.name).where(Department.active)
                .order_by(Department.id).tuples())


def add_department(actor: StaffUser, name: str) -> int:
    """Supervisors extend the responsible-department list."""
    require_supervisor(actor)
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationError("required" if not name else "too_long", field="name", max=100)
    if Department.select().where(Department.name == name).exists():
        raise ValidationError("duplicate", field="name")
    with Department._meta.database.atomic():
        row = Department.create(name=name)
        audit.record(actor, AuditAction.CREATE, "department", row.id, name=name)
    return row.id


# --- escalation phrases ----------------------------------------------------------------------------

def phrases_path() -> Path:
    """resources/rules/complaint_escalation.toml next to the packages, or inside the PyInstaller bundle."""
    return paths.resource("rules", "complaint_escalation.toml")


@functools.cache
def escalation_phrases(path: Path | None = None) -> tuple[tuple[str, CasePriority], ...]:
    """(phrase, priority) pairs from the editable rules file, longest phrase first."""
    path = path or phrases_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError("invalid_rules_file", field="file", path=str(path), reason=type(exc).__name__) from None
    out = []
    for i, entry in enumerate(data.get("phrase", [])):
        text = entry.get("text") if isinstance(entry, dict) else None
        if not isinstance(text, str) or not text.strip():
            raise ValidationError("invalid_rules_file", field=f"phrase[{i + 1}].text", path=str(path))
        try:
            priority = CasePriority(entry.get("priority", CasePriority.URGENT))
        except ValueError:
            raise ValidationError("invalid_rules_file", field=f"phrase[{i + 1}].priority", path=str(path)) from None
        out.append((identifiers.to_halfwidth(text.strip()).lower(), priority))
    return tuple(sorted(out, key=lambda p: -len(p[0])))


def find_escalation(text: str) -> tuple[CasePriority | None, tuple[str, ...]]:
    """The highest priority the text asks for and the phrases found (the detector's escalation findings: the
    file's ``exclude`` list keeps "已告知客户可向12378反映" — the agent naming further channels — out)."""
    from crm.detection import KIND_ESCALATION, default_detector

    hits = [f for f in default_detector().detect(text or "") if f.kind == KIND_ESCALATION]
    if not hits:
        return None, ()
    priorities = [CasePriority(f.priority or CasePriority.URGENT) for f in hits]
    phrases = tuple(f.rule.removeprefix("escalation:") for f in hits)
    return max(priorities, key=_PRIORITY_RANK.__getitem__), phrases


def _raise_priority(actor: StaffUser, case: ComplaintCase, text: str, ts: dt.datetime) -> dict:
    """Changes that raise the case's priority when ``text`` holds escalation phrases (never lowers it)."""
    wanted, found = find_escalation(text)
    if wanted is None or _PRIORITY_RANK[wanted] <= _PRIORITY_RANK[CasePriority(case.priority)]:
        return {}
    Escalation.create(interaction=case.interaction_id, customer=case.customer_id, case=case.id,
                      kind=EscalationKind.COMPLAINT_ESCALATION, rule_id="phrase", evidence_text="、".join(found),
                      action_taken=EscalationAction.PRIORITY_RAISED, created_by=actor, ts=ts)
    log_update(case.id, actor, CaseUpdateKind.ESCALATION, f"priority {case.priority} -> {wanted}", ts=ts)
    return {"priority": wanted}


# --- reading ---------------------------------------------------------------------------------------

def get_case(case_id: int) -> CaseRow:
    row = (ComplaintCase.select(ComplaintCase, Customer.name.alias("customer_name"),
                                CaseCategory.code.alias("category_code"), Department.name.alias("department_name"))
           .join(Customer).switch(ComplaintCase).join(CaseCategory)
           .switch(ComplaintCase).join(Department, peewee.JOIN.LEFT_OUTER)
           .where(ComplaintCase.id == case_id).objects().first())
    if row is None:
        raise NotFound("not_found", entity=ENTITY, id=case_id)
    return _row(row)


def _row(c) -> CaseRow:
    return CaseRow(
        id=c.id, case_no=c.case_no, customer_id=c.customer_id, customer_name=c.customer_name,
        interaction_id=c.interaction_id, category=c.category_code, severity=str(c.severity),
        department=c.department_name,
        owner_id=c.owner_id, accused_staff_id=c.accused_staff_id, status=str(c.status), priority=str(c.priority),
        escalated=c.escalated, repeat_of=c.repeat_of_id, summary=c.summary, description=c.description,
        opened_at=c.opened_at, first_feedback_due=c.first_feedback_due, first_feedback_at=c.first_feedback_at,
        resolution_due=c.resolution_due, extension_level=c.extension_level, paused_since=c.paused_since,
        paused_seconds=c.paused_seconds, resolution=c.resolution, root_cause=c.root_cause,
        corrective_action=c.corrective_action, further_channels_told=c.further_channels_told,
        resolved_at=c.resolved_at, satisfaction=c.satisfaction, closed_at=c.closed_at, version=c.version)


def case_updates(case_id: int) -> list[CaseUpdateRow]:
    """The case's history, oldest first."""
    rows = (CaseUpdate.select(CaseUpdate, StaffUser.display_name).join(StaffUser)
            .where(CaseUpdate.case == case_id).order_by(CaseUpdate.ts, CaseUpdate.id).objects())
    return [CaseUpdateRow(r.id, r.ts, r.author_id, r.display_name, str(r.kind), r.text,
                          r.status_from and str(r.status_from), r.status_to and str(r.status_to)) for r in rows]


# --- shared by the workflow ------------------------------------------------------------------------

def load_case(case_id: int, expected_version: int | None = None, *, allow_closed: bool = False) -> ComplaintCase:
    """The case row, refusing a stale version and (unless allowed) a closed, locked case."""
    case = ComplaintCase.get_or_none(ComplaintCase.id == case_id)
    if case is None:
        raise NotFound("not_found", entity=ENTITY, id=case_id)
    if expected_version is not None and case.version != expected_version:
        raise ConflictError("stale_version", entity=ENTITY, id=case_id, expected=expected_version,
                            current=case.version)
    if case.status == CaseStatus.CLOSED and not allow_closed:
        raise ValidationError("case_closed", field="status")
    return case


def log_update(case_id: int, actor: StaffUser, kind: CaseUpdateKind, text: str = "", *, ts: dt.datetime,
               status_from: CaseStatus | None = None, status_to: CaseStatus | None = None) -> CaseUpdate:
    return CaseUpdate.create(case=case_id, ts=ts, author=actor, kind=kind, text=text, status_from=status_from,
                             status_to=status_to)


def check_owner(owner_id: int | None, accused_id: int | None) -> None:
    """回避: the employee complained about may not handle the complaint."""
    if owner_id is not None and owner_id == accused_id:
        raise ValidationError("accused_cannot_handle", field="owner")


def _staff_id(value: StaffUser | int | None, field: str) -> int | None:
    if value is None:
        return None
    staff_id = value.id if isinstance(value, StaffUser) else int(value)
    if not StaffUser.select().where((StaffUser.id == staff_id) & StaffUser.active).exists():
        raise ValidationError("invalid_choice", field=field, value=str(staff_id))
    return staff_id


# --- opening and editing ---------------------------------------------------------------------------

def open_case(actor: StaffUser, customer_id: int, category_code: str, summary: str, *, description: str = "",
              interaction_id: int | None = None, severity: str = CaseSeverity.MEDIUM,
              owner: StaffUser | int | None = None, accused_staff: StaffUser | int | None = None,
              department: str | None = None, now: dt.datetime | None = None,
              calendar: WorkCalendar | None = None) -> CaseRow:
    """Accept a complaint: first feedback due in ``cases.first_feedback_hours`` working hours, resolution in
    ``cases.resolution_days`` (working) days; flagged as a repeat of the same customer's complaint in the same
    category within ``cases.repeat_window_days``; escalation phrases raise its priority."""
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError("required", field="summary")
    if len(summary) > 200:
        raise ValidationError("too_long", field="summary", max=200)
    try:
        severity = CaseSeverity(severity)
    except ValueError:
        raise ValidationError("invalid_choice", field="severity", value=str(severity)) from None
    ensure_taxonomy()
    category = CaseCategory.get_or_none(CaseCategory.code == category_code)
    if category is None:
        raise ValidationError("invalid_choice", field="category", value=str(category_code))
    dept = None
    if department:
        dept = Department.get_or_none(Department.name == department)
        if dept is None:
            raise ValidationError("invalid_choice", field="department", value=department)
    if not Customer.select().where(Customer.id == customer_id).exists():
        raise NotFound("not_found", entity="customer", id=customer_id)
    if interaction_id is not None and not Interaction.select().where(Interaction.id == interaction_id).exists():
        raise NotFound("not_found", entity="interaction", id=interaction_id)
    owner_id = _staff_id(owner, "owner") if owner is not None else actor.id
    accused_id = _staff_id(accused_staff, "accused_staff")
    check_owner(owner_id, accused_id)
    opened = now or now_utc()
    window = opened - dt.timedelta(days=int(option("cases.repeat_window_days")))
    repeat_of = (ComplaintCase.select(ComplaintCase.id)
                 .where((ComplaintCase.customer == customer_id) & (ComplaintCase.category == category)
                        & (ComplaintCase.opened_at >= window))
                 .order_by(ComplaintCase.opened_at.desc()).scalar())
    with Customer._meta.database.atomic():
        case = ComplaintCase.create(
            case_no=_next_case_no(opened), customer=customer_id, interaction=interaction_id, category=category,
            severity=severity, department=dept, owner=owner_id, accused_staff=accused_id,
            status=CaseStatus.ACCEPTED, repeat_of=repeat_of, summary=summary, description=description.strip(),
            opened_at=opened, first_feedback_due=first_feedback_due(opened, calendar=calendar),
            resolution_due=resolution_due(opened, 0, 0, calendar))
        log_update(case.id, actor, CaseUpdateKind.STATUS, summary, ts=opened, status_to=CaseStatus.ACCEPTED)
        raised = _raise_priority(actor, case, f"{summary}\n{description}", opened)
        if raised:
            ComplaintCase.update(raised).where(ComplaintCase.id == case.id).execute()
        audit.record(actor, AuditAction.CREATE, ENTITY, case.id, customer=customer_id, category=category_code,
                     repeat_of=repeat_of, priority=raised.get("priority", CasePriority.NORMAL),
                     accused_staff=accused_id)
    return get_case(case.id)


def add_note(actor: StaffUser, case_id: int, text: str, *, informed_customer: bool = False,
             now: dt.datetime | None = None) -> CaseUpdateRow:
    """A progress note (with author and time). ``informed_customer`` marks it as feedback given to the customer
    (the first one meets the first-feedback promise). On a closed case the note is kept as an addendum."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("required", field="text")
    if len(text) > MAX_NOTE:
        raise ValidationError("too_long", field="text", max=MAX_NOTE)
    ts = now or now_utc()
    with ComplaintCase._meta.database.atomic():
        case = load_case(case_id, allow_closed=True)
        closed = case.status == CaseStatus.CLOSED
        kind = CaseUpdateKind.ADDENDUM if closed else CaseUpdateKind.PROGRESS
        note = log_update(case.id, actor, kind, text, ts=ts)
        changes = {} if closed else _raise_priority(actor, case, text, ts)
        if informed_customer and not closed and case.first_feedback_at is None:
            changes["first_feedback_at"] = ts
        if changes:
            versioned_update(ComplaintCase, case.id, case.version, changes)
        audit.record(actor, AuditAction.UPDATE, ENTITY, case.id, note=kind, informed_customer=informed_customer,
                     **({"priority": changes["priority"]} if "priority" in changes else {}))
    return CaseUpdateRow(note.id, ts, actor.id, actor.display_name, str(kind), text, None, None)


def assign(actor: StaffUser, case_id: int, owner: StaffUser | int, *, expected_version: int | None = None,
           now: dt.datetime | None = None) -> CaseRow:
    """Hand the case to another agent (its owner or a supervisor may); never to the accused employee."""
    case = load_case(case_id, expected_version)
    if actor.id != case.owner_id:
        require_supervisor(actor)
    owner_id = _staff_id(owner, "owner")
    check_owner(owner_id, case.accused_staff_id)
    ts = now or now_utc()
    with ComplaintCase._meta.database.atomic():
        versioned_update(ComplaintCase, case.id, case.version, {"owner": owner_id})
        log_update(case.id, actor, CaseUpdateKind.REASSIGNMENT, f"{case.owner_id} -> {owner_id}", ts=ts)
        audit.record(actor, AuditAction.UPDATE, ENTITY, case.id, owner_from=case.owner_id, owner_to=owner_id)
    return get_case(case.id)


_UNCHANGED = object()


def change_handling(actor: StaffUser, case_id: int, *, owner: StaffUser | int | object = _UNCHANGED,
                    department: str | object = _UNCHANGED, accused_staff: StaffUser | int | None | object = _UNCHANGED,
                    expected_version: int | None = None, now: dt.datetime | None = None) -> CaseRow:
    """Owner, responsible department and accused employee changed together, all or nothing (the case screen's
    handling dialog); its owner or a supervisor may. 回避 is checked on the result, so the owner and the
    accused employee may even be swapped."""
    case = load_case(case_id, expected_version)
    if actor.id != case.owner_id:
        require_supervisor(actor)
    changes: dict = {}
    new_owner = case.owner_id if owner is _UNCHANGED else _staff_id(owner, "owner")
    new_accused = case.accused_staff_id if accused_staff is _UNCHANGED else _staff_id(accused_staff, "accused_staff")
    check_owner(new_owner, new_accused)
    if new_owner != case.owner_id:
        changes["owner"] = new_owner
    if new_accused != case.accused_staff_id:
        changes["accused_staff"] = new_accused
    if department is not _UNCHANGED:
        dept = Department.get_or_none(Department.name == department)
        if dept is None:
            raise ValidationError("invalid_choice", field="department", value=str(department))
        if dept.id != case.department_id:
            changes["department"] = dept.id
    if not changes:
        return get_case(case.id)
    ts = now or now_utc()
    with ComplaintCase._meta.database.atomic():
        versioned_update(ComplaintCase, case.id, case.version, changes)
        if "owner" in changes:
            log_update(case.id, actor, CaseUpdateKind.REASSIGNMENT, f"{case.owner_id} -> {new_owner}", ts=ts)
        if "department" in changes:
            log_update(case.id, actor, CaseUpdateKind.REASSIGNMENT,
                       f"department: {_department_name(case.department_id) or ''} -> {department}", ts=ts)
        detail: dict = {"owner_from": case.owner_id, "owner_to": new_owner} if "owner" in changes else {}
        if "accused_staff" in changes:
            detail["accused_staff"] = new_accused
        if "department" in changes:
            detail["department"] = department
        audit.record(actor, AuditAction.UPDATE, ENTITY, case.id, **detail)
    return get_case(case.id)


def _department_name(department_id: int | None) -> str | None:
    if department_id is None:
        return None
    return Department.select(Department.name).where(Department.id == department_id).scalar()


def set_accused(actor: StaffUser, case_id: int, staff: StaffUser | int | None, *,
                expected_version: int | None = None) -> CaseRow:
    """Record the employee complained about (回避); refused while that employee handles the case."""
    case = load_case(case_id, expected_version)
    accused_id = _staff_id(staff, "accused_staff")
    check_owner(case.owner_id, accused_id)
    with ComplaintCase._meta.database.atomic():
        versioned_update(ComplaintCase, case.id, case.version, {"accused_staff": accused_id})
        audit.record(actor, AuditAction.UPDATE, ENTITY, case.id, accused_staff=accused_id)
    return get_case(case.id)


def set_department(actor: StaffUser, case_id: int, department: str, *,
                   expected_version: int | None = None) -> CaseRow:
    case = load_case(case_id, expected_version)
    dept = Department.get_or_none(Department.name == department)
    if dept is None:
        raise ValidationError("invalid_choice", field="department", value=str(department))
    with ComplaintCase._meta.database.atomic():
        versioned_update(ComplaintCase, case.id, case.version, {"department": dept.id})
        audit.record(actor, AuditAction.UPDATE, ENTITY, case.id, department=dept.name)
    return get_case(case.id)


def _next_case_no(opened: dt.datetime) -> str:
    """TS + date + a per-day sequence, e.g. TS20261123-0007."""
    prefix = f"TS{opened.astimezone(dt.UTC):%Y%m%d}-"
    last = (ComplaintCase.select(ComplaintCase.case_no).where(ComplaintCase.case_no.startswith(prefix))
            .order_by(ComplaintCase.case_no.desc()).scalar())
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"
