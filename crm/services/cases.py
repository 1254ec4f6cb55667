"""Complaint cases (投诉工单): opening one from a call. Deadlines in working time and the full workflow
(updates, pauses, extensions, closing) build on this."""

from __future__ import annotations

import datetime as dt

from crm import settings
from crm.codes import AuditAction, CaseSeverity, CaseStatus, CaseUpdateKind
from crm.errors import NotFound, ValidationError
from crm.models import CaseCategory, CaseUpdate, ComplaintCase, Customer, Department, Interaction, StaffUser
from crm.services import audit
from crm.services.base import now_utc

DEFAULT_CATEGORIES = (  # code, 中文, English — editable in the database
    ("fees", "收费服务", "Fees and charges"), ("card", "银行卡", "Bank cards"),
    ("credit_card", "信用卡", "Credit cards"), ("loan", "贷款", "Loans"),
    ("wealth", "理财与代销", "Wealth and agency products"), ("e_banking", "电子银行", "E-banking"),
    ("service", "服务态度与质量", "Service attitude and quality"), ("deposit", "存款与账户", "Deposits and accounts"),
    ("other", "其他", "Other"),
)
DEFAULT_DEPARTMENTS = ("信用卡中心", "个贷部", "科技部", "运营部", "网点", "财富管理部", "客服中心")


def ensure_taxonomy() -> None:
    """The default categories and departments, once."""
    if not CaseCategory.select().exists():
        CaseCategory.insert_many([{"code": c, "name_zh": zh, "name_en": en} for c, zh, en in DEFAULT_CATEGORIES]).execute()
    if not Department.select().exists():
        Department.insert_many([{"name": n} for n in DEFAULT_DEPARTMENTS]).execute()


def categories() -> list[tuple[int, str, str, str]]:
    ensure_taxonomy()
    return list(CaseCategory.select(CaseCategory.id, CaseCategory.code, CaseCategory.name_zh, CaseCategory.name_en)
                .where(CaseCategory.active).order_by(CaseCategory.id).tuples())


def open_case(actor: StaffUser, customer_id: int, category_code: str, summary: str, *, description: str = "",
              interaction_id: int | None = None, severity: str = CaseSeverity.MEDIUM) -> ComplaintCase:
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
    if not Customer.select().where(Customer.id == customer_id).exists():
        raise NotFound("not_found", entity="customer", id=customer_id)
    if interaction_id is not None and not Interaction.select().where(Interaction.id == interaction_id).exists():
        raise NotFound("not_found", entity="interaction", id=interaction_id)
    opened = now_utc()
    with Customer._meta.database.atomic():
        case = ComplaintCase.create(
            case_no=_next_case_no(opened), customer=customer_id, interaction=interaction_id, category=category,
            severity=severity, owner=actor, status=CaseStatus.ACCEPTED, summary=summary, description=description,
            opened_at=opened,
            first_feedback_due=opened + dt.timedelta(hours=settings.default("cases.first_feedback_hours")),
            resolution_due=opened + dt.timedelta(days=settings.default("cases.resolution_days")))
        CaseUpdate.create(case=case, ts=opened, author=actor, kind=CaseUpdateKind.STATUS, text=summary,
                          status_to=CaseStatus.ACCEPTED)
        audit.record(actor, AuditAction.CREATE, "complaint_case", case.id, customer=customer_id,
                     category=category_code)
    return case


def _next_case_no(opened: dt.datetime) -> str:
    """TS + date + a per-day sequence, e.g. TS20261123-0007."""
    prefix = f"TS{opened:%Y%m%d}-"
    last = (ComplaintCase.select(ComplaintCase.case_no).where(ComplaintCase.case_no.startswith(prefix))
            .order_by(ComplaintCase.case_no.desc()).scalar())
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"
