"""A small real world for the Leads tab tests: staff, suitable customers, leads made through the services
(free, blocked, overridden, in every state), spread over ages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from crm.codes import StaffRole
from crm.models import Customer, Lead, Product, StaffUser
from crm.services import cases, customer_detail, customers, leads, products
from crm.services.customers import NewCustomer

FAR = dt.date.today() + dt.timedelta(days=300)
LOW = ("DEP-1Y", "LCD-1Y", "CC-STD", "FX-SETTLE", "MTG-FIRST", "EB-MOBILE", "FUND-MM", "WM-CASH")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超")


@dataclass
class LeadWorld:
    agent: StaffUser
    agent2: StaffUser
    supervisor: StaffUser
    customer_ids: list[int] = field(default_factory=list)
    lead_ids: list[int] = field(default_factory=list)


def pid(code: str) -> int:
    return Product.get(Product.code == code).id


def customer(world: LeadWorld, n: int, *, rating: str = "C3", consent: bool = True) -> int:
    name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n // len(SURNAMES)) % len(GIVEN)]
    cid = customers.create_customer(world.agent, NewCustomer(name=name, phones=(f"139{n:08d}",))).id
    Customer.update(risk_rating=rating, risk_expires_on=FAR).where(Customer.id == cid).execute()
    if consent:
        customer_detail.record_consent(None, cid, "marketing", "phone", True, "call")
    world.customer_ids.append(cid)
    return cid


def age(lead_id: int, days: int) -> None:
    """Make the lead ``days`` old (and a bit more, so whole-day counts are stable)."""
    when = dt.datetime.now(dt.UTC) - dt.timedelta(days=days, hours=1)
    Lead.update(created_at=when).where(Lead.id == lead_id).execute()


def lead(world: LeadWorld, customer_id: int, code: str, *, actor: StaffUser | None = None, days: int = 0) -> int:
    lead_id = leads.create_lead(actor or world.agent, customer_id=customer_id, product_id=pid(code),
                                channel="phone").lead_id
    if days:
        age(lead_id, days)
    world.lead_ids.append(lead_id)
    return lead_id


def make_world() -> LeadWorld:
    agent = StaffUser.create(username="li.agent", display_name="李客服", role=StaffRole.AGENT)
    agent2 = StaffUser.create(username="wang.agent", display_name="王客服", role=StaffRole.AGENT)
    boss = StaffUser.create(username="zhao.sup", display_name="赵主管", role=StaffRole.SUPERVISOR)
    products.sync_catalogue()
    return LeadWorld(agent, agent2, boss)


def advance(world: LeadWorld, lead_id: int, *states: str) -> None:
    for state in states:
        row = leads.get_lead(lead_id)
        leads.set_state(world.supervisor, lead_id, row.version, state)


def populate(world: LeadWorld, count: int) -> None:
    """``count`` leads: mostly free new ones, every 7th blocked (risk), every 11th overridden, some handed over,
    won, lost or invalid, ages 0–60 days, referred by both agents."""
    for n in range(count):
        cid = customer(world, n, rating="C1" if n % 7 == 3 else "C3", consent=n % 13 != 5 or n % 11 == 4)
        code = "WM-BAL" if n % 7 == 3 or n % 11 == 4 else LOW[n % len(LOW)]
        lead_id = lead(world, cid, code, actor=world.agent if n % 3 else world.agent2, days=(n * 7) % 61)
        if n % 11 == 4:  # the assessment expired: blocked, then let through by a supervisor
            Customer.update(risk_expires_on=dt.date.today() - dt.timedelta(days=1)).where(
                Customer.id == cid).execute()
            leads.recheck_leads(None, [lead_id])
            leads.override_block(world.supervisor, lead_id, leads.get_lead(lead_id).version, "客户已重新评估")
        elif n % 5 == 1 and leads.get_lead(lead_id).block_reason is None:
            advance(world, lead_id, *(("handed_over", "won"), ("handed_over", "lost"), ("handed_over",),
                                      ("handed_over", "contacted"), ("invalid",))[(n // 5) % 5])
    if count > 2:
        cases.open_case(world.agent, world.customer_ids[2], "fees", "年费争议")
