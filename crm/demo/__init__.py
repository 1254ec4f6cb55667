"""Realistic synthetic data for demos and benchmarks: ``generate(customers=, interactions=, seed=, progress=)``.

Works on the database bound to ``crm.db.database_proxy`` (SQLCipher or PostgreSQL). Deterministic for a seed
on an empty database (timestamps are relative to ``now``); a second run on the same database adds new people
and reuses the staff, products, departments, case categories and cadences already there.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from crm.db import database_proxy
from crm.demo.activity import INTERACTION_FIELDS, InteractionBuilder, plan_interactions
from crm.demo.casework import (
    ATTEMPT_FIELDS,
    CASE_FIELDS,
    CASE_UPDATE_FIELDS,
    ESCALATION_FIELDS,
    EXTENSION_FIELDS,
    FOLLOWUP_FIELDS,
    CaseworkBuilder,
    pick_cases,
)
from crm.demo.catalog import ensure_reference
from crm.demo.customers import (
    ADDRESS_FIELDS,
    CARD_FIELDS,
    CONSENT_FIELDS,
    CUSTOMER_FIELDS,
    EMAIL_FIELDS,
    ELDERLY_AGE,
    PHONE_FIELDS,
    TAG_FIELDS,
    ChunkRows,
    CustomerBuilder,
    Plan,
    Population,
    plan_customers,
)
from crm.demo.people import PeopleFactory
from crm.demo.text import NoteBank
from crm.demo.writer import BulkWriter, TsText, real_database
from crm.models import (
    CaseExtension,
    CaseUpdate,
    ComplaintCase,
    Consent,
    Customer,
    CustomerAddress,
    CustomerCard,
    CustomerEmail,
    CustomerPhone,
    CustomerTag,
    Escalation,
    FollowUp,
    FollowUpAttempt,
    Interaction,
)

__all__ = ["generate"]

T = TypeVar("T")

CUSTOMER_CHUNK = 10_000
INTERACTION_CHUNK = 50_000


def generate(customers: int = 1000, interactions: int = 10000, seed: int = 1,
             progress: Callable[[str], None] | None = None, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """Add ``customers`` new customers and ``interactions`` interactions (spread over them; over the existing
    customers when ``customers`` is 0), plus reference data, cases and follow-ups.

    Returns ``{"seed", "counts": {table: rows added}, "seconds", "stage_seconds": {stage: seconds}}``.
    """
    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    writer = BulkWriter(real_database(database_proxy))
    now = now or dt.datetime.now(dt.UTC)
    now_epoch = int(now.timestamp())
    ts_text = TsText()
    today = (now + dt.timedelta(hours=8)).date()  # the bank's calendar day (China time)
    stages: dict[str, float] = {}
    mark = time.perf_counter()

    def stage(name: str) -> None:
        nonlocal mark
        stages[name] = round(time.perf_counter() - mark, 3)
        mark = time.perf_counter()

    ref = ensure_reference(writer, ts_text(now_epoch))
    say(f"reference data: {len(ref.agents)} agents, {len(ref.supervisors)} supervisors, 1 admin, "
        f"{len(ref.products)} products")
    stage("reference")

    existing = Customer.select().count()
    seed_key = str(seed) if existing == 0 else f"{seed}+{existing}"  # a second run adds different people
    if customers > 0:
        plan = plan_customers(customers, seed_key, ref, today)
        pop = plan.pop
    else:
        plan, pop = None, _existing_population(today)
    stage("plan_customers")
    skeleton = plan_interactions(interactions if len(pop) else 0, pop, random.Random(f"{seed_key}/when"), now_epoch)
    stage("plan_interactions")

    if plan is not None:
        _write_customers(writer, plan, ref, seed_key, today, ts_text, now_epoch, skeleton, existing, say)
        stage("customers")

    builder = InteractionBuilder(random.Random(f"{seed_key}/interactions"), pop, ref,
                                 NoteBank(random.Random(f"{seed_key}/notes")), ts_text)
    total = len(skeleton.ts)
    ids = writer.reserve_block(Interaction, total)

    def write_interactions(job: tuple[int, list[tuple]]) -> None:
        start, rows = job
        with writer.transaction():
            writer.claim(Interaction, rows[0][0])
            writer.insert(Interaction, INTERACTION_FIELDS, rows)
        say(f"interactions {start + len(rows)}/{total}")

    _pipeline([(lambda s=start: (s, builder.build(skeleton, s, ids[s:s + INTERACTION_CHUNK])))
               for start in range(0, total, INTERACTION_CHUNK)], write_interactions)
    if plan is None and total:
        _refresh_last_contact(writer, pop, skeleton)
    stage("interactions")

    _write_casework(writer, builder, pop, ref, seed_key, ts_text, now_epoch, say)
    stage("cases_followups")

    counts = {name: writer.counts.get(name, 0) for name in _REPORTED}
    seconds = round(time.perf_counter() - started, 2)
    say(f"done in {seconds} s")
    return {"seed": seed, "counts": counts, "seconds": seconds, "stage_seconds": stages}


_REPORTED = ("staff_user", "product", "department", "case_category", "care_cadence", "customer", "customer_phone",
             "customer_email", "customer_address", "customer_card", "customer_tag", "consent", "interaction",
             "complaint_case", "case_update", "case_extension", "escalation", "follow_up", "follow_up_attempt")


def _write_customers(writer: BulkWriter, plan: Plan, ref, seed_key: str, today: dt.date, ts_text: TsText,
                     now_epoch: int, skeleton, existing: int, say: Callable[[str], None]) -> None:
    taken_ids, taken_phones, taken_cards = set(), set(), set()
    if existing:  # never hand out an ID number, mobile or card that is already in the database
        taken_ids = {v for (v,) in Customer.select(Customer.id_number).where(Customer.id_number.is_null(False))
                     .tuples()}
        taken_phones = {v for (v,) in CustomerPhone.select(CustomerPhone.number).tuples()}
        taken_cards = {v for (v,) in CustomerCard.select(CustomerCard.card_number).tuples()}
    factory = PeopleFactory(random.Random(f"{seed_key}/details"), taken_ids=taken_ids, taken_phones=taken_phones,
                            taken_cards=taken_cards)
    builder = CustomerBuilder(seed_key, plan, ref, factory, today, ts_text, now_epoch)
    total = len(plan.name)
    ids = writer.reserve_block(Customer, total)
    plan.pop.ids = list(ids)

    def write(job: tuple[int, ChunkRows]) -> None:
        start, rows = job
        with writer.transaction():
            writer.claim(Customer, rows.customers[0][0])
            writer.insert(Customer, CUSTOMER_FIELDS, rows.customers)
            writer.insert(CustomerPhone, PHONE_FIELDS, rows.phones)
            writer.insert(CustomerEmail, EMAIL_FIELDS, rows.emails)
            writer.insert(CustomerAddress, ADDRESS_FIELDS, rows.addresses)
            writer.insert(CustomerCard, CARD_FIELDS, rows.cards)
            writer.insert(CustomerTag, TAG_FIELDS, rows.tags)
            writer.insert(Consent, CONSENT_FIELDS, rows.consents)
        say(f"customers {start + len(rows.customers)}/{total}")

    _pipeline([(lambda s=start: (s, builder.build(s, ids[s:s + CUSTOMER_CHUNK], skeleton.first, skeleton.last)))
               for start in range(0, total, CUSTOMER_CHUNK)], write)


def _pipeline(jobs: list[Callable[[], T]], consume: Callable[[T], None], lookahead: int = 2) -> None:
    """Run ``jobs`` in order on one worker thread while ``consume`` writes earlier results.

    Building rows is pure Python; writing spends most of its time inside SQLite/SQLCipher (or the
    PostgreSQL driver) with the GIL released, so on two cores the two overlap. One worker keeps the random
    streams in a fixed order: the output does not depend on timing.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-build") as pool:
        pending: deque[Future[T]] = deque(pool.submit(job) for job in jobs[:lookahead])
        queued = iter(jobs[lookahead:])
        while pending:
            result = pending.popleft().result()
            job = next(queued, None)
            if job is not None:
                pending.append(pool.submit(job))
            consume(result)


def _existing_population(today: dt.date) -> Population:
    """Interactions without new customers go to the customers already in the database."""
    pop = Population()
    query = Customer.select(Customer.id, Customer.segment, Customer.birth_date, Customer.owner,
                            Customer.do_not_disturb).order_by(Customer.id).tuples()
    cutoff = today.replace(year=today.year - ELDERLY_AGE) if (today.month, today.day) != (2, 29) \
        else dt.date(today.year - ELDERLY_AGE, 2, 28)
    for cid, segment, born, owner, dnd in query:
        pop.ids.append(cid)
        pop.segment.append(str(segment))
        pop.elderly.append(born is not None and born <= cutoff)
        pop.owner.append(owner)
        pop.dnd.append(bool(dnd))
    return pop


def _refresh_last_contact(writer: BulkWriter, pop: Population, skeleton) -> None:
    """Existing customers: last_contact_at = their newest interaction (portable correlated UPDATE)."""
    touched = sorted({pop.ids[c] for c in skeleton.customer})
    sql = ('UPDATE "customer" SET "last_contact_at" = (SELECT MAX(i."ts") FROM "interaction" i '
           'WHERE i."customer_id" = "customer"."id") WHERE "id" = ?')
    for start in range(0, len(touched), CUSTOMER_CHUNK):
        with writer.transaction():
            writer.update_many(sql, [(cid,) for cid in touched[start:start + CUSTOMER_CHUNK]])


def _write_casework(writer: BulkWriter, interactions: InteractionBuilder, pop: Population, ref, seed_key: str,
                    ts_text: TsText, now_epoch: int, say: Callable[[str], None]) -> None:
    rng = random.Random(f"{seed_key}/cases")
    found = interactions.found
    chosen = pick_cases(found, rng, now_epoch)
    taken = {v for (v,) in ComplaintCase.select(ComplaintCase.case_no).tuples()}
    work = CaseworkBuilder(rng, pop, ref, ts_text, now_epoch, taken)
    with writer.transaction():
        work.cases(chosen, writer.reserve_ids(ComplaintCase, len(chosen)))
        work.frauds(found)
        work.followups(found, lambda n: writer.reserve_ids(FollowUp, n))
        out = work.out
        writer.insert(ComplaintCase, CASE_FIELDS, out.cases)
        writer.insert(CaseUpdate, CASE_UPDATE_FIELDS, out.updates)
        writer.insert(CaseExtension, EXTENSION_FIELDS, out.extensions)
        writer.insert(Escalation, ESCALATION_FIELDS, out.escalations)
        writer.insert(FollowUp, FOLLOWUP_FIELDS, out.followups)
        writer.insert(FollowUpAttempt, ATTEMPT_FIELDS, out.attempts)
    say(f"cases {len(out.cases)}, escalations {len(out.escalations)}, follow-ups {len(out.followups)}")
