"""New leads handed to sales as a CSV or XLSX file, one recorded batch per file.

Each profile writes only the columns the receiving side needs (our generic sheet in Chinese, a Salesforce
lead import, a HubSpot contact import). Identifiers leave masked (mobile 138****5678), free text goes through
the identifier masker and loses anything that looks like authentication data (C3). A lead a supervisor let
through carries the override ("主管放行：<blocks>（<reason>）", masked) in its flags column or description.
Every cell that a spreadsheet could take for a formula (leading = + - @, tab, CR) is prefixed with a quote
(crm.exports.sheets writes the files).

The file is streamed: lead ids first, then rows a chunk at a time, each chunk re-checked for suitability and
consent (suitability.LeadFacts, the facts read by the same query as the row: a lead no longer exportable is
skipped with its check code) and written at once. It goes to a temporary file beside the target; only when it is complete is the batch recorded, its
leads moved to ``handed_over`` (one set-based UPDATE) and the audit row written, in one transaction that ends
by renaming the file into place. Any failure removes the temporary file and changes no lead.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import peewee

from crm import identifiers
from crm.codes import AuditAction, FileFormat, LeadState, PhoneKind
from crm.errors import ConflictError, ValidationError
from crm.exports.sheets import XLSX_OPTIONS, neutralise, write_temp
from crm.exports.sheets import file_sha256 as _sha256
from crm.exports.sheets import replace_file as _replace
from crm.models import Customer, CustomerPhone, ExportBatch, Lead, Opportunity, Product, StaffUser
from crm.models.fields import parse_utc
from crm.names import split_surname
from crm.services import audit, suitability
from crm.services.base import now_utc

if TYPE_CHECKING:
    from crm.services.leads import LeadFilter

__all__ = ["PROFILES", "XLSX_OPTIONS", "ExportResult", "LeadRecord", "Profile", "export_leads", "neutralise",
           "skip_counts", "split_name", "write_rows"]

ENTITY = "export_batch"
CHUNK = 1000  # ids per row query: one round trip per thousand leads, bounded memory
MAX_TEXT = 2000  # free text per cell; notes longer than this are cut (Excel's own limit is 32,767)
MAX_LABEL = 200  # recipient / purpose


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name): 张三丰 -> (张, 三丰); 欧阳修 -> (欧阳, 修); John Smith -> (Smith, John)."""
    name = " ".join((name or "").split())
    if not name:
        return "", ""
    if " " in name:
        given, _, surname = name.rpartition(" ")
        return surname, given
    first = name[0]
    if len(name) == 1 or not ("\u3400" <= first <= "\u9fff" or "\uf900" <= first <= "\ufaff"
                              or first >= "\U00020000"):
        return name, ""  # a one-word latin name: all surname (Salesforce requires LastName)
    return split_surname(name)


# --- profiles --------------------------------------------------------------------------------------

class LeadRecord(NamedTuple):
    """One exportable lead, already masked; profiles pick and label from it."""

    lead_id: int
    created: str  # local date, ISO 8601
    product_code: str
    product_name_zh: str
    product_name_en: str
    category: str  # ProductCategory code
    customer_name: str
    mobile_masked: str
    channel: str  # ConsentChannel code, "" when none was chosen
    referrer: str  # display name of the referring agent
    dual_recording: bool
    flags: tuple[str, ...]  # non-blocking check codes
    note: str  # what the customer said (evidence), identifiers masked, no authentication data
    override_codes: tuple[str, ...] = ()  # the blocks a supervisor let through ("" codes: never overridden)
    override_reason: str = ""  # the supervisor's reason, identifiers masked, no authentication data


CATEGORY_LABELS = {
    "zh": {"deposit": "存款", "large_cd": "大额存单", "structured_deposit": "结构性存款", "wealth": "理财",
           "fund": "基金", "insurance": "保险", "loan": "贷款", "consumer_loan": "消费贷款", "mortgage": "住房贷款",
           "credit_card": "信用卡", "fx": "外汇", "cross_border": "跨境支付", "e_banking": "电子银行",
           "pension": "养老金融", "education": "教育金"},
    "en": {"deposit": "Deposits", "large_cd": "Large-denomination CDs", "structured_deposit": "Structured deposits",
           "wealth": "Wealth management", "fund": "Funds", "insurance": "Insurance", "loan": "Loans",
           "consumer_loan": "Consumer loans", "mortgage": "Mortgages", "credit_card": "Credit cards",
           "fx": "Foreign exchange", "cross_border": "Cross-border payments", "e_banking": "E-banking",
           "pension": "Pension products", "education": "Education savings"},
}
CHANNEL_LABELS = {
    "zh": {"phone": "电话", "sms": "短信", "email": "电子邮件", "app": "手机银行", "mail": "信函"},
    "en": {"phone": "Phone", "sms": "SMS", "email": "Email", "app": "Mobile app", "mail": "Post"},
}
FLAG_LABELS = {
    "zh": {"elderly_customer": "老年客户", "elderly_high_risk": "老年客户购买高风险产品",
           "high_risk_product": "高风险产品", "dual_recording_required": "需双录"},
    "en": {"elderly_customer": "Elderly customer", "elderly_high_risk": "Elderly customer, high-risk product",
           "high_risk_product": "High-risk product", "dual_recording_required": "Audio-video recording required"},
}


BLOCK_LABELS = {
    "zh": {"risk_rating_missing": "未做风险测评", "risk_assessment_expired": "风险测评已过期",
           "risk_level_exceeded": "产品风险等级超出客户承受能力", "open_complaint": "存在未结投诉",
           "no_marketing_consent": "未同意营销", "channel_refused": "拒绝该渠道营销", "do_not_disturb": "免打扰",
           "fraud_flagged": "反诈预警", "product_inactive": "产品已停售"},
    "en": {"risk_rating_missing": "No risk rating", "risk_assessment_expired": "Risk assessment expired",
           "risk_level_exceeded": "Product risk above the customer's rating", "open_complaint": "Open complaint",
           "no_marketing_consent": "No marketing consent", "channel_refused": "Channel refused",
           "do_not_disturb": "Do not disturb", "fraud_flagged": "Fraud warning",
           "product_inactive": "Product not on sale"},
}


def _labels(table: dict[str, str], codes: Iterable[str], sep: str) -> str:
    return sep.join(table.get(c, c) for c in codes)


def _override_zh(r: LeadRecord) -> str:
    """主管放行：<rules>（<reason>）, or "" when no supervisor overrode a block of the lead."""
    if not r.override_codes:
        return ""
    text = "主管放行：" + _labels(BLOCK_LABELS["zh"], r.override_codes, "、")
    return text + (f"（{r.override_reason}）" if r.override_reason else "")


def _override_en(r: LeadRecord) -> str:
    if not r.override_codes:
        return ""
    text = "Supervisor override: " + _labels(BLOCK_LABELS["en"], r.override_codes, "; ")
    return text + (f" ({r.override_reason})" if r.override_reason else "")


def _join(sep: str, *parts: str) -> str:
    return sep.join(p for p in parts if p)


@dataclass(frozen=True)
class Profile:
    """A column layout: headers and how one LeadRecord becomes a row of strings."""

    name: str
    headers: tuple[str, ...]
    row: Callable[[LeadRecord], Sequence[str]]
    widths: tuple[int, ...] = ()  # XLSX column widths (characters); 12 when absent


def _generic(r: LeadRecord) -> tuple[str, ...]:
    zh_cat, zh_ch, zh_flag = CATEGORY_LABELS["zh"], CHANNEL_LABELS["zh"], FLAG_LABELS["zh"]
    return (str(r.lead_id), r.created, r.product_code, r.product_name_zh, zh_cat.get(r.category, r.category),
            r.customer_name, r.mobile_masked, zh_ch.get(r.channel, r.channel), r.referrer,
            "是" if r.dual_recording else "否", _join("；", _labels(zh_flag, r.flags, "、"), _override_zh(r)), r.note,
            "", "", "", "")


def _description(r: LeadRecord) -> str:
    parts = [f"{r.product_name_en or r.product_name_zh} ({r.product_code})"]
    if r.flags:
        parts.append("Flags: " + _labels(FLAG_LABELS["en"], r.flags, "; "))
    if r.override_codes:
        parts.append(_override_en(r))
    if r.note:
        parts.append("Customer said: " + r.note)
    return "\n".join(parts)


def _salesforce(r: LeadRecord) -> tuple[str, ...]:
    surname, given = split_name(r.customer_name)
    return (str(r.lead_id), given, surname, r.customer_name, r.mobile_masked, "Employee Referral",
            "Open - Not Contacted", r.product_code, r.product_name_en or r.product_name_zh,
            CATEGORY_LABELS["en"].get(r.category, r.category), CHANNEL_LABELS["en"].get(r.channel, r.channel),
            r.referrer, "true" if r.dual_recording else "false", r.created, _description(r))


def _hubspot(r: LeadRecord) -> tuple[str, ...]:
    surname, given = split_name(r.customer_name)
    return (str(r.lead_id), given, surname, r.mobile_masked, "NEW", "lead", r.product_code,
            r.product_name_en or r.product_name_zh, CATEGORY_LABELS["en"].get(r.category, r.category),
            CHANNEL_LABELS["en"].get(r.channel, r.channel), r.referrer, "true" if r.dual_recording else "false",
            r.created, _join("; ", _labels(FLAG_LABELS["en"], r.flags, "; "), _override_en(r)), r.note)


# The generic sheet ends with the four columns sales fill in and send back (crm.imports.lead_outcomes reads
# them by these headers): the same file makes the round trip.
PROFILES: dict[str, Profile] = {
    "generic": Profile(
        "generic",
        ("线索编号", "创建日期", "产品代码", "产品名称", "产品类别", "客户姓名", "手机号码(脱敏)", "首选联系渠道",
         "转介客服", "需双录", "提示", "客户原话", "状态", "销售负责人", "备注", "外部编号"),
        _generic, (10, 11, 12, 24, 14, 10, 14, 12, 10, 7, 24, 40, 8, 12, 24, 14)),
    # Salesforce Data Import Wizard / Data Loader: API field names, so columns map without manual matching.
    # Company is required on a Lead: for a person, Salesforce's own guidance is the person's name. Custom
    # fields (…__c) must exist in the org; CRM_Lead_ID__c is meant as an External ID for upserts.
    "salesforce": Profile(
        "salesforce",
        ("CRM_Lead_ID__c", "FirstName", "LastName", "Company", "MobilePhone", "LeadSource", "Status",
         "Product_Code__c", "Product_Name__c", "Product_Category__c", "Preferred_Channel__c", "Referred_By__c",
         "Dual_Recording_Required__c", "Lead_Created_Date__c", "Description"),
        _salesforce, (14, 10, 10, 12, 14, 16, 18, 14, 24, 18, 14, 14, 10, 14, 50)),
    # HubSpot contact import: headers match property labels (Lead Status internal value NEW, Lifecycle Stage
    # lead); "CRM Lead ID" is meant as a custom unique-value property for de-duplication.
    "hubspot": Profile(
        "hubspot",
        ("CRM Lead ID", "First Name", "Last Name", "Mobile Phone Number", "Lead Status", "Lifecycle Stage",
         "Product Code", "Product Name", "Product Category", "Preferred Contact Channel", "Referred By",
         "Dual Recording Required", "Lead Created Date", "Lead Flags", "Lead Notes"),
        _hubspot, (12, 10, 10, 16, 10, 10, 14, 24, 18, 14, 14, 10, 14, 30, 50)),
}


# --- writing ---------------------------------------------------------------------------------------

def write_rows(path: Path | str, rows: Iterable[LeadRecord], *, fmt: str, profile: str, bom: bool = True) -> int:
    """Write ``rows`` with ``profile``'s columns to ``path`` (no database, no batch): the pure writer.

    Written beside the target and renamed when complete, like the export. Returns the number of rows.
    """
    fmt_, prof = _check_format(fmt), _check_profile(profile)
    path = Path(path)
    count = 0

    def produce(sink) -> None:
        nonlocal count
        for chunk in _chunks(iter(rows), CHUNK):
            sink.write(map(prof.row, chunk))
            count += len(chunk)

    tmp = write_temp(path, fmt_, prof.headers, prof.widths, bom, produce)
    try:
        _replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count


# --- reading leads ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ExportResult:
    batch_id: int
    path: Path
    row_count: int
    sha256: str
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (lead id, check code), in id order


def _check_format(fmt: str) -> FileFormat:
    try:
        return FileFormat(str(fmt).lower())
    except ValueError:
        raise ValidationError("invalid_choice", field="format", value=str(fmt)) from None


def _check_profile(profile: str) -> Profile:
    found = PROFILES.get(str(profile).lower())
    if found is None:
        raise ValidationError("invalid_choice", field="profile", value=str(profile))
    return found


def _check_label(value: str, name: str) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError("required", field=name)
    if len(value) > MAX_LABEL:
        raise ValidationError("too_long", field=name, max=MAX_LABEL)
    return value


def _chunks(it: Iterator, n: int) -> Iterator[list]:
    while True:
        chunk = []
        for item in it:
            chunk.append(item)
            if len(chunk) == n:
                break
        if not chunk:
            return
        yield chunk


def _candidate_ids(lead_ids: Sequence[int] | None, f: LeadFilter | None) -> list[int]:
    """Explicit ids (any state: those not new are reported) or the filter's new leads, ascending."""
    if lead_ids is not None:
        return sorted({int(i) for i in lead_ids})
    if f is not None:
        from crm.services import leads

        return sorted(leads.lead_ids(replace(f, states=(LeadState.NEW.value,))))
    query = Lead.select(Lead.id).where(Lead.state == LeadState.NEW).order_by(Lead.id)
    return [row[0] for row in _raw(query)]


class _Mobile:
    """mask_phone, with a shortcut for the common stored form (11 ASCII digits of a mainland mobile)."""

    def __init__(self, policy: identifiers.MaskPolicy) -> None:
        self.policy = policy
        template = identifiers.mask_phone("1" * 11, policy)  # which ends the policy shows, and the fill
        self.head = len(template) - len(template.lstrip("1"))
        self.tail = len(template) - len(template.rstrip("1"))
        self.fill = template[self.head] if self.head < 11 - self.tail else "*"
        self.stars = self.fill * (11 - self.head - self.tail)
        self.cut = 11 - self.tail

    def __call__(self, number: str | None) -> str:
        if not number:
            return ""
        if len(number) == 11 and number[0] == "1" and number.isdigit() and number.isascii():
            return number[:self.head] + self.stars + number[self.cut:]
        return identifiers.mask_phone(number, self.policy)


def _mask_policy() -> identifiers.MaskPolicy:
    """The team's mobile mask (option ``mask.mobile``, "start,end"); the default when unset or invalid."""
    from crm.services.options import option

    raw = str(option("mask.mobile") or "")
    try:
        return identifiers.MaskPolicy.from_mapping({"mobile": [int(p) for p in raw.split(",")]})
    except (ValueError, ValidationError):
        return identifiers.MaskPolicy()


_HAS_DIGIT = re.compile(r"\d").search


def _clean_note(text: str | None, policy: identifiers.MaskPolicy) -> str:
    """Identifiers masked and authentication data (C3) blanked out; only text with digits can hold either."""
    text = text or ""
    if not text or not _HAS_DIGIT(text):
        return text[:MAX_TEXT]
    hits = identifiers.find_auth_data(text)
    for hit in reversed(hits):
        text = text[:hit.start] + "***" + text[hit.end:]
    return identifiers.mask_identifiers_in_text(text, policy)[:MAX_TEXT]


def _flag_codes(stored: str | None) -> tuple[str, ...]:
    if not stored:
        return ()
    return tuple(c for c in (p.strip() for p in stored.split(",")) if c)


def _raw(query: peewee.Query) -> list[tuple]:
    return Lead._meta.database.execute(query).fetchall()


_SLOT = "(__ids__)"


def _ids_in(field: peewee.Field) -> peewee.Expression:
    """``field IN (…)``, the list filled in per chunk by _IdQuery.run."""
    return peewee.Expression(field, peewee.OP.IN, peewee.SQL(_SLOT))


class _IdQuery:
    """A query with one id list, compiled by peewee once and run per chunk with the ids bound directly.

    Built per chunk, peewee spends ~2 µs on every bound value and renders the list twice: for 1,000 ids as
    long as the database takes to read the 1,000 rows."""

    def __init__(self, query: peewee.Query) -> None:
        db = Lead._meta.database
        sql, params = db.get_sql_context().sql(query).query()
        self.head, self.tail = sql.split(_SLOT)
        at = self.head.count(db.param)  # every value is bound, so placeholders are the only such text
        self.before, self.after, self.param = list(params[:at]), list(params[at:]), db.param

    def run(self, ids: Sequence[int]) -> Any:
        marks = ", ".join([self.param] * len(ids))
        return Lead._meta.database.execute_sql(f"{self.head}({marks}){self.tail}",
                                               [*self.before, *ids, *self.after])

    def rows(self, ids: Sequence[int]) -> list[tuple]:
        """Raw driver rows (no per-column conversion: a third of the read time)."""
        return self.run(ids).fetchall() if ids else []


class _Product(NamedTuple):
    code: str
    name_zh: str
    name_en: str
    category: str
    risk_level: int
    dual_recording: Any
    active: Any


# The chunk query: suitability's facts (suitability.FACT_COLUMNS of them, for the re-check), then these.
_CREATED, _STATE, _BLOCK, _OVERRIDE_BY, _OVERRIDE_CODES, _REFERRER, _FLAGS, _DUAL, _NAME, _EVIDENCE, _PHONE, \
    _OVERRIDE_REASON = range(suitability.FACT_COLUMNS, suitability.FACT_COLUMNS + 12)
_PRODUCT, _CHANNEL = 2, 3  # among the facts: Lead.product, Lead.contact_channel


def _chunk_query() -> peewee.ModelSelect:
    """One query per chunk for both the re-check and the row (the facts read once, not in a second query
    over the same leads). Products and staff are few: read once into dicts (_Lookups) rather than joined."""
    phone = (CustomerPhone.select(CustomerPhone.number).where(CustomerPhone.customer == Lead.customer)
             .order_by(peewee.Case(None, [(CustomerPhone.kind == PhoneKind.MOBILE, 0)], 1),
                       CustomerPhone.is_primary.desc(), CustomerPhone.id).limit(1))
    return suitability.facts_query(Lead.created_at, Lead.state, Lead.block_reason, Lead.override_by,
                                   Lead.override_codes, Lead.referred_by, Lead.flags, Lead.dual_recording_required,
                                   Customer.name, Opportunity.evidence_text, phone, Lead.override_reason)


class _Lookups:
    """Products and staff names by id, read whole and again only when an unknown id turns up."""

    def __init__(self) -> None:
        self.products: dict[int, _Product] = {}
        self.staff: dict[int, str] = {}

    def product(self, product_id: int) -> _Product:
        found = self.products.get(product_id)
        if found is None:
            query = Product.select(Product.id, Product.code, Product.name_zh, Product.name_en, Product.category,
                                   Product.risk_level, Product.dual_recording, Product.active)
            self.products = {row[0]: _Product._make(row[1:]) for row in _raw(query)}
            found = self.products[product_id]
        return found

    def staff_name(self, staff_id: int) -> str:
        found = self.staff.get(staff_id)
        if found is None:
            self.staff = dict(_raw(StaffUser.select(StaffUser.id, StaffUser.display_name)))
            found = self.staff.get(staff_id) or ""
        return found


class _Rows:
    """Reads a chunk of leads (one query) and decides, lead by lead, what is written and what skipped."""

    def __init__(self, tz: Any, policy: identifiers.MaskPolicy, today: dt.date) -> None:
        self.tz, self.policy, self.today = tz, policy, today
        self.mobile = _Mobile(policy)
        self._dates: dict[str, str] = {}
        self._leads = _IdQuery(_chunk_query())
        self.facts = suitability.LeadFacts(today)  # checked again now: consent withdrawn, rating expired, …
        self.lookups = _Lookups()

    def read(self, ids: Sequence[int]) -> tuple[list[LeadRecord], list[tuple[int, str]]]:
        """(records to write, (lead id, code) skipped) for one chunk of ids, in the order of ``ids``."""
        rows = self._leads.rows(ids)
        self.facts.prepare(rows)
        found = {row[0]: row for row in rows}
        records: list[LeadRecord] = []
        skipped: list[tuple[int, str]] = []
        checks_of, record = self.facts.checks, self._record
        for lead_id in ids:
            row = found.get(lead_id)
            code = _static_skip(row)
            if code is None:
                checks = checks_of(row)
                if checks and checks[0].blocking:  # blocks come first
                    standing = _standing(row, checks)
                    if standing:
                        code = str(standing[0].code)
            if code is not None:
                skipped.append((lead_id, code))
                continue
            records.append(record(row, checks))
        return records, skipped

    def _record(self, r: tuple, checks: list[suitability.Check]) -> LeadRecord:
        flags = _flag_codes(r[_FLAGS])
        if checks:
            flags += tuple(str(c.code) for c in checks if not c.blocking and str(c.code) not in flags)
        p = self.lookups.product(r[_PRODUCT])
        created_at = r[_CREATED]
        created = self._dates.get(created_at[:13]) or self._date(created_at)
        override_codes: tuple[str, ...] = ()
        reason = ""
        if r[_OVERRIDE_BY] is not None:  # the override travels with the lead: which blocks, and why
            override_codes = _flag_codes(r[_OVERRIDE_CODES]) or ((r[_BLOCK],) if r[_BLOCK] else ())
            reason = " ".join(_clean_note(r[_OVERRIDE_REASON], self.policy).split())
        return LeadRecord(r[0], created, p.code, p.name_zh, p.name_en or "", p.category, r[_NAME],
                          self.mobile(r[_PHONE]), r[_CHANNEL] or "", self.lookups.staff_name(r[_REFERRER]),
                          bool(r[_DUAL] or p.dual_recording), flags, _clean_note(r[_EVIDENCE], self.policy),
                          override_codes, reason)

    def _date(self, created: str) -> str:
        """The bank's local date of a stored UTC instant, computed once per hour of the day."""
        key = created[:13]  # YYYY-MM-DDTHH: zone offsets change on the hour at most
        found = self._dates[key] = parse_utc(created).astimezone(self.tz).date().isoformat()
        return found


def _standing(row: tuple, checks: list[suitability.Check]) -> list[suitability.Check]:
    """The blocks not covered by the lead's override (suitability.uncovered)."""
    return suitability.uncovered(Lead(override_by=row[_OVERRIDE_BY], override_codes=row[_OVERRIDE_CODES] or ""),
                                 checks)


def _static_skip(row: tuple | None) -> str | None:
    """Why a lead is out before any check: gone, no longer new, or blocked and not overridden."""
    if row is None:
        return "not_found"
    if row[_STATE] != LeadState.NEW:
        return "not_new"
    if row[_BLOCK] and row[_OVERRIDE_BY] is None:
        return str(row[_BLOCK])  # blocked and not overridden: never exported
    return None


# --- the export ------------------------------------------------------------------------------------

def export_leads(actor: StaffUser, path: Path | str, *, fmt: str, profile: str,
                 lead_ids: Sequence[int] | None = None, f: LeadFilter | None = None, bom: bool = True,
                 recipient: str, purpose: str, today: dt.date | None = None) -> ExportResult:
    """Write the exportable new leads (``lead_ids``, else those matching ``f``, else every new lead) to ``path``.

    Raises ValidationError for a bad format/profile/recipient/purpose and ``nothing_to_export`` when no lead may
    go out (details: ``skipped`` how many, ``codes`` the check codes, ``counts`` {code: leads}, most first);
    ConflictError ``leads_changed`` when a lead left state ``new`` while the file was being written (nothing is
    recorded then and no file is left).
    """
    if not isinstance(actor, StaffUser):
        raise ValidationError("required", field="actor")
    fmt_, prof = _check_format(fmt), _check_profile(profile)
    recipient, purpose = _check_label(recipient, "recipient"), _check_label(purpose, "purpose")
    path = Path(path)
    from crm.workcalendar import default_calendar

    policy = _mask_policy()
    reader = _Rows(default_calendar().tz, policy, today or dt.datetime.now(default_calendar().tz).date())
    ids = _candidate_ids(lead_ids, f)
    exported = array("q")
    skipped: list[tuple[int, str]] = []

    def produce(sink) -> None:
        for start in range(0, len(ids), CHUNK):
            records, skips = reader.read(ids[start:start + CHUNK])
            skipped.extend(skips)
            sink.write(map(prof.row, records))
            exported.extend([r.lead_id for r in records])

    tmp = write_temp(path, fmt_, prof.headers, prof.widths, bom, produce)
    try:
        if not exported:
            raise ValidationError("nothing_to_export", field="leads", skipped=len(skipped),
                                  codes=sorted({code for _, code in skipped}), counts=skip_counts(skipped))
        digest = _sha256(tmp)
        batch_id = _record_batch(actor, tmp, path, exported, digest, fmt_, prof, recipient, purpose, skipped)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return ExportResult(batch_id, path, len(exported), digest, skipped)


def skip_counts(skipped: Iterable[tuple[int, str]]) -> dict[str, int]:
    """{check code: leads skipped for it}, the most frequent first (ties by code)."""
    counts: dict[str, int] = {}
    for _, code in skipped:
        counts[code] = counts.get(code, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _record_batch(actor: StaffUser, tmp: Path, path: Path, exported: array, digest: str, fmt: FileFormat,
                  profile: Profile, recipient: str, purpose: str, skipped: list[tuple[int, str]]) -> int:
    """Batch row, leads -> handed_over, audit, then the rename: one transaction, the rename last."""
    db = Lead._meta.database
    moved = False
    try:
        with db.atomic():
            batch = ExportBatch.create(created_by=actor, recipient=recipient, purpose=purpose,
                                       profile=profile.name, file_format=fmt, row_count=len(exported),
                                       file_sha256=digest, file_name=path.name)
            changed = _hand_over(batch.id, exported)
            if changed != len(exported):
                raise ConflictError("leads_changed", entity="lead", expected=len(exported), changed=changed)
            audit.record(actor, AuditAction.EXPORT, ENTITY, batch.id, count=len(exported),
                         sha256=_fingerprint(digest), profile=profile.name, format=fmt.value,
                         recipient=recipient, purpose=purpose, file=path.name, skipped=len(skipped))
            _replace(tmp, path)
            moved = True
    except BaseException:
        if moved:  # the commit itself failed after the rename: do not leave an unrecorded file behind
            path.unlink(missing_ok=True)
        raise
    return batch.id


def _hand_over(batch_id: int, exported: array) -> int:
    """Every exported lead still ``new`` -> ``handed_over`` in ``batch_id``: one UPDATE for the whole batch,
    the ids bound as one value (a JSON array read by json_each on SQLite, an array on PostgreSQL). Returns
    how many rows changed.

    One statement rather than one per thousand ids: the same rows and index entries change, but SQLite walks
    the id list once (~15% less time for 100k leads)."""
    db = Lead._meta.database
    engine = getattr(db, "obj", db)
    ids = exported.tolist()
    if isinstance(engine, peewee.PostgresqlDatabase):
        chosen = peewee.Expression(Lead.id, "=", peewee.SQL(f"ANY({db.param})", [ids]))
    else:
        chosen = peewee.Expression(Lead.id, peewee.OP.IN,
                                   peewee.SQL(f"(SELECT value FROM json_each({db.param}))", [json.dumps(ids)]))
    query = (Lead.update({Lead.state: LeadState.HANDED_OVER, Lead.batch: batch_id, Lead.version: Lead.version + 1,
                          Lead.updated_at: now_utc()})
             .where(chosen & (Lead.state == LeadState.NEW)))
    return query.execute()


def _fingerprint(digest: str) -> str:
    """ab:cd:… (openssl dgst -c style): the audit log's identifier masker would take long digit runs of a
    bare hex digest for card or phone numbers and star them out."""
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))
