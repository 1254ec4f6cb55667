"""A small world for the service-loop tests: staff of each role, a customer with a mobile, Shanghai times."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from crm.codes import StaffRole
from crm.models import Setting, StaffUser
from crm.services import customers
from crm.services.customers import NewCustomer

SH = ZoneInfo("Asia/Shanghai")
PHONE = "13812345678"


def at(y, m, d, hh=0, mm=0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=SH)


@dataclass
class World:
    agent: StaffUser
    agent2: StaffUser
    supervisor: StaffUser
    supervisor2: StaffUser
    customer_id: int


def make_world() -> World:
    admin = StaffUser.create(username="admin", display_name="管理员", role=StaffRole.ADMIN)
    del admin  # the first user is an admin in real life; supervisors come before it in supervisor_for()
    agent = StaffUser.create(username="li.agent", display_name="李客服", role=StaffRole.AGENT)
    agent2 = StaffUser.create(username="wang.agent", display_name="王客服", role=StaffRole.AGENT)
    sup = StaffUser.create(username="zhao.sup", display_name="赵主管", role=StaffRole.SUPERVISOR)
    sup2 = StaffUser.create(username="qian.sup", display_name="钱主管", role=StaffRole.SUPERVISOR)
    cust = customers.create_customer(agent, NewCustomer(name="张三丰", phones=(PHONE,), segment="vip"))
    return World(agent, agent2, sup, sup2, cust.id)


def set_option(name: str, value) -> None:
    Setting.insert(key=name, value=value).on_conflict(conflict_target=[Setting.key], update={Setting.value: value}) \
        .execute()
