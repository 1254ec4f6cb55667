"""Helpers for the lead and opportunity service tests: the product catalogue, a suitable customer, leads and
detected opportunities made through the services, and what makes a lead blocked."""

from __future__ import annotations

import datetime as dt

from loop_world import World, make_world

from crm.codes import AuditAction
from crm.detection import Evidence, Finding
from crm.models import AuditLog, Customer, Interaction, Lead, Opportunity, Product
from crm.services import cases, customer_detail, customers, leads, opportunities, products
from crm.services.customers import NewCustomer

FAR = dt.date.today() + dt.timedelta(days=300)


def make_sales_world() -> World:
    """loop_world's staff and customer, the default catalogue, the customer suitable (see ``suitable``)."""
    world = make_world()
    products.sync_catalogue()
    suitable(world.customer_id)
    return world


def suitable(customer_id: int, rating: str = "C3") -> None:
    """Rated, assessment valid, marketing by phone agreed: nothing blocks a low-risk product."""
    Customer.update(risk_rating=rating, risk_expires_on=FAR).where(Customer.id == customer_id).execute()
    customer_detail.record_consent(None, customer_id, "marketing", "phone", True, "call")


def another_customer(w: World, name: str, phone: str, **kw) -> int:
    cid = customers.create_customer(w.agent, NewCustomer(name=name, phones=(phone,), **kw)).id
    suitable(cid)
    return cid


def pid(code: str) -> int:
    return Product.get(Product.code == code).id


def make_lead(w: World, code: str = "DEP-1Y", channel: str = "phone", actor=None, customer_id=None, **kw):
    return leads.create_lead(actor or w.agent, customer_id=customer_id or w.customer_id, product_id=pid(code),
                             channel=channel, **kw)


def lead_row(lead_id: int) -> Lead:
    return Lead.get_by_id(lead_id)


def audits(entity: str, entity_id: int, action: AuditAction | None = None) -> list[AuditLog]:
    q = AuditLog.select().where((AuditLog.entity == entity) & (AuditLog.entity_id == str(entity_id)))
    if action is not None:
        q = q.where(AuditLog.action == action)
    return list(q.order_by(AuditLog.id))


# --- what blocks a lead (for WM-STEADY, R2, on the phone) --------------------------------------------

def no_rating(w: World) -> None:
    Customer.update(risk_rating=None).where(Customer.id == w.customer_id).execute()


def expired(w: World) -> None:
    Customer.update(risk_expires_on=dt.date.today() - dt.timedelta(days=1)).where(
        Customer.id == w.customer_id).execute()


def low_rating(w: World) -> None:
    Customer.update(risk_rating="C1").where(Customer.id == w.customer_id).execute()


def refused(w: World, channel: str = "phone") -> None:
    customer_detail.record_consent(w.agent, w.customer_id, "marketing", channel, False, "call")


def dnd(w: World) -> None:
    Customer.update(do_not_disturb=True).where(Customer.id == w.customer_id).execute()


def complaint(w: World) -> None:
    cases.open_case(w.agent, w.customer_id, "fees", "年费未减免")


def inactive(w: World) -> None:
    Product.update(active=False).where(Product.code == "WM-STEADY").execute()


# --- detection --------------------------------------------------------------------------------------

def interaction(w: World, notes: str = "客户咨询", **kw) -> Interaction:
    return Interaction.create(customer=kw.pop("customer", w.customer_id), staff=w.agent, channel="inbound_call",
                              direction="in", category="consultation", notes=notes, **kw)


def finding(notes: str, kind: str, rule: str, phrase: str, category=None, products_=()) -> Finding:
    start = notes.index(phrase)
    return Finding(kind, rule, category, tuple(products_), Evidence(start, start + len(phrase), phrase), "", "")


class FakeDetector:
    """Stands in for crm.detection's detector: returns the findings it was given."""

    def __init__(self, *found: Finding) -> None:
        self.found = list(found)

    def detect(self, text: str) -> list[Finding]:
        return list(self.found)

    def rules(self, kind: str):
        return []


def opportunity(w: World, notes="客户下个月出国旅游，想换点外币", rule="opp.travel_abroad", phrase="出国旅游",
                category="fx", products_=("FX-CASH",), customer=None) -> Opportunity:
    row = interaction(w, notes, customer=customer or w.customer_id)
    found = opportunities.record_findings(w.agent, row, detector=FakeDetector(
        finding(notes, "opportunity", rule, phrase, category, products_)))
    (opp_id,) = found.opportunity_ids
    return Opportunity.get_by_id(opp_id)
