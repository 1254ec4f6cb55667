"""Reference data for the demo: staff users, the product catalogue, departments, case categories, cadences.

Everything here has a unique key (username, product code, department name, category code, segment): rows
that already exist are reused, so running the demo again adds nothing twice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from crm.codes import Segment, StaffRole
from crm.demo.people import PeopleFactory
from crm.demo.text import COMPLAINTS
from crm.demo.writer import BulkWriter
from crm.models import CareCadence, CaseCategory, Department, Product, StaffUser
from crm.services.cases import DEFAULT_CATEGORIES, DEFAULT_DEPARTMENTS

N_AGENTS, N_SUPERVISORS = 34, 5

# code, name_zh, name_en, category, risk level R1-R5, 双录 required at sale
PRODUCTS: tuple[tuple[str, str, str, str, int, bool], ...] = (
    ("DEP-CUR", "活期储蓄", "Current savings", "deposit", 1, False),
    ("DEP-1Y", "一年期定期存款", "1-year fixed deposit", "deposit", 1, False),
    ("DEP-3Y", "三年期定期存款", "3-year fixed deposit", "deposit", 1, False),
    ("DEP-5Y", "五年期定期存款", "5-year fixed deposit", "deposit", 1, False),
    ("LCD-1Y", "一年期大额存单", "1-year large-denomination CD", "large_cd", 1, False),
    ("LCD-3Y", "三年期大额存单", "3-year large-denomination CD", "large_cd", 1, False),
    ("SD-90D", "90天结构性存款（挂钩黄金）", "90-day structured deposit (gold-linked)", "structured_deposit", 2, True),
    ("SD-180D", "180天结构性存款（挂钩汇率）", "180-day structured deposit (FX-linked)", "structured_deposit", 2, True),
    ("WM-CASH", "现金管理类理财", "Cash management wealth product", "wealth", 1, False),
    ("WM-STEADY", "稳健增利理财（固收类）", "Steady income wealth product", "wealth", 2, False),
    ("WM-BAL", "平衡配置理财（混合类）", "Balanced wealth product", "wealth", 3, True),
    ("WM-EQ", "权益精选理财", "Equity wealth product", "wealth", 4, True),
    ("FUND-MM", "货币市场基金", "Money market fund", "fund", 1, False),
    ("FUND-BOND", "纯债基金", "Bond fund", "fund", 2, False),
    ("FUND-IDX", "沪深300指数基金", "CSI 300 index fund", "fund", 4, False),
    ("FUND-QDII", "QDII全球科技股票基金", "QDII global tech equity fund", "fund", 5, True),
    ("INS-ANN", "代销年金保险", "Annuity insurance (agency)", "insurance", 2, True),
    ("INS-HEALTH", "代销百万医疗险", "Medical insurance (agency)", "insurance", 1, True),
    ("LOAN-BIZ", "个人经营贷款", "Personal business loan", "loan", 1, False),
    ("CL-RENO", "装修贷款", "Home renovation loan", "consumer_loan", 1, False),
    ("CL-CAR", "汽车消费贷款", "Car loan", "consumer_loan", 1, False),
    ("MTG-FIRST", "首套住房按揭贷款", "First-home mortgage", "mortgage", 1, False),
    ("MTG-COMBO", "公积金组合贷款", "Provident-fund combination mortgage", "mortgage", 1, False),
    ("CC-STD", "标准信用卡", "Standard credit card", "credit_card", 1, False),
    ("CC-PLAT", "白金信用卡", "Platinum credit card", "credit_card", 1, False),
    ("CC-INST", "信用卡账单分期", "Credit card bill instalments", "credit_card", 1, False),
    ("FX-SETTLE", "个人结售汇", "Personal FX settlement", "fx", 1, False),
    ("FX-CASH", "外币现钞预约兑换", "Foreign cash exchange", "fx", 1, False),
    ("CB-STUDY", "留学金融套餐（境外汇款）", "Study-abroad remittance package", "cross_border", 1, False),
    ("EB-MOBILE", "手机银行", "Mobile banking", "e_banking", 1, False),
    ("EB-ALERT", "动账短信提醒", "Account SMS alerts", "e_banking", 1, False),
    ("PEN-ACCT", "个人养老金账户", "Personal pension account", "pension", 1, False),
    ("PEN-FUND", "养老目标基金", "Target-date pension fund", "pension", 3, True),
    ("EDU-SAVE", "教育储蓄", "Education savings", "education", 1, False),
    ("EDU-LOAN", "国家助学贷款", "Student loan", "education", 1, False),
)
CADENCES = {Segment.VIP: 30, Segment.PRIVATE: 14}  # standard customers get no periodic care call by default


@dataclass
class Reference:
    agents: list[int] = field(default_factory=list)
    supervisors: list[int] = field(default_factory=list)
    admin: int = 0
    products: dict[str, int] = field(default_factory=dict)  # code -> id
    departments: dict[str, int] = field(default_factory=dict)  # name -> id
    case_categories: dict[str, int] = field(default_factory=dict)  # code -> id


def ensure_reference(writer: BulkWriter, now_text: str) -> Reference:
    """Create what is missing, reuse what exists; returns the ids the generator needs."""
    ref = Reference()
    with writer.transaction():
        _staff(writer, now_text, ref)
        ref.products = _by_key(writer, Product, "code", [
            (code, zh, en, cat, risk, dual, True) for code, zh, en, cat, risk, dual in PRODUCTS
        ], ("code", "name_zh", "name_en", "category", "risk_level", "dual_recording", "active"), now_text)
        # The same taxonomy the app opens cases with, plus any department the phrase banks name.
        departments = dict.fromkeys((*DEFAULT_DEPARTMENTS, *(dept for _t, _c, dept, _w, _p in COMPLAINTS)))
        ref.departments = _by_key(writer, Department, "name", [(d, True) for d in departments],
                                  ("name", "active"), now_text)
        categories = {c: (zh, en) for c, zh, en in DEFAULT_CATEGORIES}
        for _t, code, _d, _w, _p in COMPLAINTS:
            categories.setdefault(code, (code, code))
        ref.case_categories = _by_key(writer, CaseCategory, "code",
                                      [(c, zh, en, True) for c, (zh, en) in categories.items()],
                                      ("code", "name_zh", "name_en", "active"), now_text)
        _by_key(writer, CareCadence, "segment", [(str(s), days) for s, days in CADENCES.items()],
                ("segment", "interval_days"), now_text)
    return ref


def _by_key(writer: BulkWriter, model, key: str, rows: list[tuple], fields: tuple[str, ...],
            now_text: str) -> dict[str, int]:
    column = getattr(model, key)
    existing = {str(k): i for k, i in model.select(column, model.id).tuples()}
    missing = [row for row in rows if row[0] not in existing]
    ids = writer.reserve_ids(model, len(missing))
    writer.insert(model, ("id", "version", "created_at", "updated_at", *fields),
                  [(i, 1, now_text, now_text, *row) for i, row in zip(ids, missing, strict=True)])
    existing.update({row[0]: i for i, row in zip(ids, missing, strict=True)})
    return existing


def _staff(writer: BulkWriter, now_text: str, ref: Reference) -> None:
    wanted = ([("demo.admin", StaffRole.ADMIN)]
              + [(f"demo.sup{i:02d}", StaffRole.SUPERVISOR) for i in range(1, N_SUPERVISORS + 1)]
              + [(f"demo.agent{i:02d}", StaffRole.AGENT) for i in range(1, N_AGENTS + 1)])
    # Staff names come from their own fixed stream: the same 40 people whatever the seed.
    factory = PeopleFactory(random.Random("demo-staff"), taken_ids=set(), taken_phones=set(), taken_cards=set())
    rows = [(username, factory.chinese_name(("male", "female")[i % 2], 1975 + i % 25), str(role), True)
            for i, (username, role) in enumerate(wanted)]
    ids = _by_key(writer, StaffUser, "username", rows, ("username", "display_name", "role", "active"), now_text)
    for username, role in wanted:
        if role == StaffRole.ADMIN:
            ref.admin = ids[username]
        elif role == StaffRole.SUPERVISOR:
            ref.supervisors.append(ids[username])
        else:
            ref.agents.append(ids[username])
