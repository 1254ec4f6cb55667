"""Reference data for the demo: staff users, the product catalogue, departments, case categories, cadences.

The products are the application's own default catalogue (resources/products.toml, read through
crm.services.products.load_catalogue), so the demo sells exactly what a new installation offers.

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
from crm.services.products import load_catalogue

N_AGENTS, N_SUPERVISORS = 34, 5

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
            (p.code, p.name_zh, p.name_en, str(p.category), p.risk_level, p.dual_recording, p.active)
            for p in load_catalogue()
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
