"""The column layouts of a lead export (profiles): our generic sheet in Chinese, a Salesforce lead import, a
HubSpot contact import; each turns a LeadRecord (one lead, already masked) into a row of strings.

A lead a supervisor let through carries the override ("主管放行：<blocks>（<reason>）") in its flags column or
description. Neutralising formulas is the writer's job (crm.exports.sheets), not the profiles'.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from crm.names import split_surname

__all__ = ["BLOCK_LABELS", "CATEGORY_LABELS", "CHANNEL_LABELS", "FLAG_LABELS", "PROFILES", "LeadRecord", "Profile",
           "split_name"]


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


@functools.lru_cache(maxsize=256)
def _flags_zh(flags: tuple[str, ...]) -> str:
    """老年客户、需双录: a few combinations recur on every row, so each is joined once."""
    return _labels(FLAG_LABELS["zh"], flags, "、")


def _generic(r: LeadRecord, zh_cat: dict[str, str] = CATEGORY_LABELS["zh"],
             zh_ch: dict[str, str] = CHANNEL_LABELS["zh"]) -> tuple[str, ...]:
    hint = _flags_zh(r.flags) if r.flags else ""
    if r.override_codes:
        hint = _join("；", hint, _override_zh(r))
    return (str(r.lead_id), r.created, r.product_code, r.product_name_zh, zh_cat.get(r.category, r.category),
            r.customer_name, r.mobile_masked, zh_ch.get(r.channel, r.channel), r.referrer,
            "是" if r.dual_recording else "否", hint, r.note, "", "", "", "")


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
