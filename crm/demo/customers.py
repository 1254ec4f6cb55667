"""Demo customers: a cheap first pass (who they are: names, gender, birth, segment) and, chunk by chunk, the
full rows of the customer and its child tables as tuples ready for bulk insert."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from crm import names, search_keys
from crm.demo import text
from crm.demo.catalog import Reference
from crm.demo.people import ENGLISH, TRADITIONAL, PeopleFactory, traditional_gender
from crm.demo.writer import TsText, micro_of

CUSTOMER_FIELDS = (
    "id", "version", "created_at", "updated_at", "name", "name_pinyin", "name_initials", "gender", "birth_date",
    "id_type", "id_number", "id_tail", "segment", "risk_rating", "risk_assessed_on", "risk_expires_on",
    "do_not_disturb", "vulnerable", "elderly_override", "agent_name", "agent_relation", "agent_phone",
    "agent_id_tail", "owner", "care_interval_days", "last_contact_at", "notes",
)
PHONE_FIELDS = ("version", "created_at", "updated_at", "customer", "number", "number_rev", "kind", "is_reserved",
                "is_primary")
EMAIL_FIELDS = ("version", "created_at", "updated_at", "customer", "address", "is_primary")
ADDRESS_FIELDS = ("version", "created_at", "updated_at", "customer", "kind", "text", "postal_code", "is_primary")
CARD_FIELDS = ("version", "created_at", "updated_at", "customer", "card_number", "card_tail", "card_type")
TAG_FIELDS = ("customer", "tag", "created_at")
SEARCH_KEY_FIELDS = ("customer", "kind", "key")
CONSENT_FIELDS = ("customer", "purpose", "channel", "granted", "source", "recorded_at", "recorded_by", "note")

_HK_AREAS = {"hk_macau_permit": ("810000", "820000"), "taiwan_permit": ("830000",)}
_RATINGS = ("C1", "C2", "C3", "C4", "C5")
_RATING_WEIGHTS = {"standard": (12, 28, 35, 18, 7), "vip": (5, 18, 37, 27, 13), "private": (2, 10, 33, 35, 20),
                   "elderly": (30, 40, 24, 5, 1)}
# (purpose, channel, P(granted), P(refused)); the rest have no recorded choice.
_CONSENT_PLAN = (
    ("service_notice", "sms", 0.92, 0.03), ("service_notice", "app", 0.55, 0.02),
    ("marketing", "phone", 0.40, 0.20), ("marketing", "sms", 0.45, 0.15), ("marketing", "email", 0.15, 0.05),
    ("marketing", "app", 0.50, 0.05), ("data_sharing", "app", 0.15, 0.10),
)
_CONSENT_SOURCES = ("branch_form", "branch_form", "app", "online_banking", "call")
_COMPOUND = frozenset(("欧阳", "司马", "诸葛", "上官", "司徒", "慕容", "长孙"))
_REFUSAL_NOTES = ("客户来电要求停止营销电话。", "客户表示不希望收到营销短信。", "")


@dataclass
class Population:
    """Per-customer facts the activity generator needs, indexed like the generated customers."""

    ids: list[int] = field(default_factory=list)
    segment: list[str] = field(default_factory=list)
    elderly: list[bool] = field(default_factory=list)
    owner: list[int | None] = field(default_factory=list)
    dnd: list[bool] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.segment)


@dataclass
class Plan:
    """First pass: identity of every new customer (deterministic for the seed, independent of the clock)."""

    kind: list[str] = field(default_factory=list)  # "cn" | "hk_macau_permit" | "taiwan_permit" | "en"
    name: list[str] = field(default_factory=list)
    gender: list[str] = field(default_factory=list)
    born: list[dt.date] = field(default_factory=list)
    country: list[str] = field(default_factory=list)  # English names: ISO numeric country code
    pop: Population = field(default_factory=Population)


def plan_customers(n: int, seed_key: str, ref: Reference, today: dt.date, elderly_age: int) -> Plan:
    profile = random.Random(f"{seed_key}/profile")
    factory = PeopleFactory(random.Random(f"{seed_key}/names"), taken_ids=set(), taken_phones=set(),
                            taken_cards=set())
    r = profile.random
    owners_vip = ref.agents + ref.supervisors
    plan = Plan()
    # About 1 % are from Hong Kong, Macao, Taiwan or abroad; runs of 50+ get at least one of each.
    forced = {n // 3: 0.0, 2 * n // 3: 0.008} if n >= 50 else {}
    for i in range(n):
        x = forced.get(i, r())
        born = factory.birth_date()
        country = ""
        if x < 0.006:
            kind = "hk_macau_permit" if r() < 0.5 else "taiwan_permit"
            pool = TRADITIONAL[kind]
            name = pool[int(r() * len(pool))]
            gender = traditional_gender(name)
        elif x < 0.010:
            kind = "en"
            name, gender, country = ENGLISH[int(r() * len(ENGLISH))]
        else:
            kind = "cn"
            gender = "male" if r() < 0.5 else "female"
            name = factory.chinese_name(gender, born.year)
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        s = r()
        segment = "private" if s < 0.03 + (0.02 if age > 50 else 0) else "vip" if s < 0.15 + (0.03 if age > 40 else 0) \
            else "standard"
        owner: int | None = None
        if segment != "standard":
            owner = owners_vip[int(r() * len(owners_vip))]
        elif r() < 0.3:
            owner = ref.agents[int(r() * len(ref.agents))]
        plan.kind.append(kind)
        plan.name.append(name)
        plan.gender.append(gender)
        plan.born.append(born)
        plan.country.append(country)
        pop = plan.pop
        pop.segment.append(segment)
        pop.elderly.append(age >= elderly_age)
        pop.owner.append(owner)
        pop.dnd.append(r() < 0.02 or i == n // 5 and n >= 50)  # runs of 50+ have at least one
    return plan


@dataclass
class ChunkRows:
    customers: list[tuple] = field(default_factory=list)
    phones: list[tuple] = field(default_factory=list)
    emails: list[tuple] = field(default_factory=list)
    addresses: list[tuple] = field(default_factory=list)
    cards: list[tuple] = field(default_factory=list)
    tags: list[tuple] = field(default_factory=list)
    consents: list[tuple] = field(default_factory=list)
    search_keys: list[tuple] = field(default_factory=list)


class CustomerBuilder:
    """Second pass: everything else about a customer, drawn from its own random stream."""

    def __init__(self, plan: Plan, ref: Reference, factory: PeopleFactory, today: dt.date, ts_text: TsText,
                 now_epoch: int) -> None:
        self.plan, self.ref, self.f, self.today = plan, ref, factory, today
        self.rng = factory.rng
        self.r = self.rng.random
        self.ts_text, self.now_epoch = ts_text, now_epoch
        self.staff = ref.agents + ref.supervisors

    def build(self, start: int, ids: list[int] | range, first_ts: list[int | None],
              last_ts: list[int | None]) -> ChunkRows:
        """Rows for customers ``start … start+len(ids)-1`` of the plan; ``*_ts`` are epoch seconds or None."""
        plan, r, f, out = self.plan, self.r, self.f, ChunkRows()
        count = len(ids)
        keys = names.name_keys_many(plan.name[start:start + count])
        for k in range(count):
            i, cid = start + k, ids[k]
            pop = plan.pop
            first, last = first_ts[i], last_ts[i]
            created_epoch = (first - int(r() * 90 * 86400)) if first is not None \
                else self.now_epoch - int(r() * 800 * 86400)
            created = self.ts_text(created_epoch, int(r() * 1e6))
            home = f.area()
            row_id = self._identity(i, home)
            segment, elderly, born = pop.segment[i], pop.elderly[i], plan.born[i]
            risk = self._risk(segment, elderly)
            vulnerable = r() < (0.10 if elderly and born.year < 1946 else 0.012)
            agent = self._agent(plan.name[i], plan.kind[i], born) if elderly else (None, None, None, None)
            override = True if vulnerable and not elderly and r() < 0.4 else None
            care = (7, 60, 90)[int(r() * 3)] if r() < 0.01 else None
            note = self._customer_note(elderly)
            out.customers.append((
                cid, 1, created, created, plan.name[i], keys[k].pinyin, keys[k].initials, plan.gender[i],
                born.isoformat(), *row_id, segment, *risk, pop.dnd[i], vulnerable, override, *agent, pop.owner[i],
                care, self.ts_text(last, micro_of(last)) if last is not None else None, note,
            ))
            first_phone, first_card = len(out.phones), len(out.cards)
            self._contacts(out, cid, created, home, keys[k].pinyin, born, elderly)
            self._cards(out, cid, created, segment)
            # The search service's keys (crm.search_keys), so the new customers are findable at once.
            out.search_keys.extend((cid, kind, key) for kind, key in search_keys.customer_keys(
                plan.name[i], keys[k], [p[4] for p in out.phones[first_phone:]], row_id[1],
                [c[4] for c in out.cards[first_card:]]))
            self._tags(out, cid, created, elderly, segment)
            self._consents(out, cid, created_epoch, pop.dnd[i])
        return out

    def _identity(self, i: int, home) -> tuple[str, str, str]:
        plan, f = self.plan, self.f
        kind, born, gender = plan.kind[i], plan.born[i], plan.gender[i]
        if kind == "cn":
            number, id_type = f.resident_id(f.birth_area_code(home), born, gender), "resident_id"
        elif kind == "en":
            if self.r() < 0.7:
                number, id_type = f.permanent_residence_id(plan.country[i], born, gender), "foreign_permanent_id"
            else:
                number, id_type = f"E{int(self.r() * 1e8):08d}", "passport"
        else:  # 港澳台居民居住证: resident-ID format with the 81/82/83 region codes
            areas = _HK_AREAS[kind]
            number, id_type = f.resident_id(areas[int(self.r() * len(areas))], born, gender), kind
        return id_type, number, number[-6:]

    def _risk(self, segment: str, elderly: bool) -> tuple[str | None, str | None, str | None]:
        r = self.r
        if r() < (0.08 if segment != "standard" else 0.28):
            return None, None, None
        weights = _RATING_WEIGHTS["elderly" if elderly else segment]
        x, rating = r() * sum(weights), "C5"
        for code, w in zip(_RATINGS, weights, strict=True):
            if x < w:
                rating = code
                break
            x -= w
        assessed = self.today - dt.timedelta(days=int(r() * 520))
        try:
            expires = assessed.replace(year=assessed.year + 1)
        except ValueError:  # 29 February
            expires = assessed.replace(year=assessed.year + 1, day=28)
        return rating, assessed.isoformat(), expires.isoformat()

    def _agent(self, name: str, kind: str, born: dt.date) -> tuple:
        r, f = self.r, self.f
        age = self.today.year - born.year
        if kind != "cn" or r() >= (0.22 if age >= 75 else 0.04):
            return None, None, None, None
        if r() < 0.65:
            surname = name[:2] if name[:2] in _COMPOUND else name[0]
            relation = "child"
            agent_name = surname + f.given_name(("male", "female")[int(r() * 2)], born.year + 28)
        elif r() < 0.8:
            relation, agent_name = "spouse", f.chinese_name(("male", "female")[int(r() * 2)], born.year)
        else:
            relation, agent_name = ("relative", "guardian")[int(r() * 2)], f.chinese_name("male", born.year + 20)
        agent_id = f.resident_id(f.area().code, dt.date(min(born.year + 28, 2000), 6, 1)
                                 + dt.timedelta(days=int(r() * 300)), "male")
        return agent_name, relation, f.mobile(), agent_id[-6:]

    def _customer_note(self, elderly: bool) -> str:
        r = self.r
        if elderly and r() < 0.08:
            return text.CUSTOMER_NOTES[0]
        if r() < 0.06:
            return text.CUSTOMER_NOTES[int(r() * len(text.CUSTOMER_NOTES))]
        return ""

    def _contacts(self, out: ChunkRows, cid: int, created: str, home, pinyin: str, born: dt.date,
                  elderly: bool) -> None:
        r, f = self.r, self.f
        mobiles = [f.mobile()] + ([f.mobile()] if r() < 0.25 else [])
        reserved = len(mobiles) - 1 if len(mobiles) == 2 and r() < 0.15 else 0
        for j, number in enumerate(mobiles):
            out.phones.append((1, created, created, cid, number, number[::-1], "mobile", j == reserved, j == 0))
        if r() < (0.35 if elderly else 0.12):
            number = f.landline(home)
            out.phones.append((1, created, created, cid, number, number[::-1], "home", False, False))
        if r() < 0.05:
            number = f.landline(home)
            out.phones.append((1, created, created, cid, number, number[::-1], "work", False, False))
        if r() < (0.10 if elderly else 0.30 if born.year < 1985 else 0.5):
            out.emails.append((1, created, created, cid, f.email(pinyin, born), True))
        if r() < 0.96:
            out.addresses.append((1, created, created, cid, "home", f.address(home), home.postal, True))
        if r() < 0.12:
            work = f.area() if r() < 0.3 else home
            out.addresses.append((1, created, created, cid, "work", f.address(work), work.postal, False))

    def _cards(self, out: ChunkRows, cid: int, created: str, segment: str) -> None:
        r, f = self.r, self.f
        kinds = (["debit"] if r() < 0.97 else []) + (["debit"] if r() < 0.12 else []) \
            + (["credit"] if r() < (0.6 if segment != "standard" else 0.28) else [])
        for kind in kinds:
            number = f.card(kind == "credit")
            out.cards.append((1, created, created, cid, number, number[-6:], kind))

    def _tags(self, out: ChunkRows, cid: int, created: str, elderly: bool, segment: str) -> None:
        r = self.r
        chosen: set[str] = set()
        for _ in range(int(r() * 3)):
            chosen.add(text.TAGS[int(r() * len(text.TAGS))])
        if elderly and r() < 0.5:
            chosen.add("老年客户")
        if segment == "private" and r() < 0.6:
            chosen.add("高净值")
        for tag in sorted(chosen):
            out.tags.append((cid, tag, created))

    def _consents(self, out: ChunkRows, cid: int, created_epoch: int, dnd: bool) -> None:
        r, staff = self.r, self.staff
        for purpose, channel, p_grant, p_refuse in _CONSENT_PLAN:
            x = r()
            if dnd and purpose == "marketing" and channel in ("phone", "sms"):
                granted = False  # do-not-disturb customers refused phone/SMS marketing
            elif x < p_grant:
                granted = True
            elif x >= 1.0 - p_refuse:
                granted = False
            else:
                continue
            when = created_epoch + int(r() * 86400 * 3)
            source = _CONSENT_SOURCES[int(r() * len(_CONSENT_SOURCES))]
            by = staff[int(r() * len(staff))] if source in ("branch_form", "call") else None
            note = "" if granted else _REFUSAL_NOTES[int(r() * len(_REFUSAL_NOTES))]
            out.consents.append((cid, purpose, channel, granted, source, self.ts_text(min(when, self.now_epoch)), by,
                                 note))
            if granted and purpose == "marketing" and r() < 0.06:  # later changed their mind: latest row wins
                later = min(when + int(r() * 400 * 86400), self.now_epoch)
                out.consents.append((cid, purpose, channel, False, "call", self.ts_text(later),
                                     staff[int(r() * len(staff))], _REFUSAL_NOTES[0]))
