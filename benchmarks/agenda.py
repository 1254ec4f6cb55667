"""Agenda benchmark on `crm demo` data: p50/p95 of `my_day` for the busiest agent (most open follow-ups), and
of the supervisor's `queues` and a reminder check beside it.

    CRM_PASSPHRASE=… uv run crm --passphrase --data-dir /tmp/bench demo --customers 100000 --interactions 1000000
    CRM_PASSPHRASE=… uv run python benchmarks/agenda.py --data-dir /tmp/bench

Opens the local database with the passphrase in CRM_PASSPHRASE when set, else with the keyring's key
(or --db-url for a team database). Target (issue 4): the agenda opens in <= 100 ms on 100k customers.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import peewee  # noqa: E402

from crm import db  # noqa: E402
from crm.models import Customer, FollowUp  # noqa: E402
from crm.services import agenda, reminders  # noqa: E402
from crm.services.base import now_utc  # noqa: E402

TARGET_MS = 100.0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def busiest_agent() -> int:
    count = peewee.fn.COUNT(FollowUp.id)
    row = (FollowUp.select(FollowUp.owner, count).where(FollowUp.status == "open").group_by(FollowUp.owner)
           .order_by(count.desc(), FollowUp.owner).tuples().first())
    if row is None:
        raise SystemExit("no open follow-ups: run `crm demo` first")
    return row[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--db-url", help="PostgreSQL URL (password from the keyring) instead of the local file")
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    opened = time.perf_counter()
    if args.db_url:
        storage = db.open_url(args.db_url)
    else:
        storage = db.open_local(Path(args.data_dir), passphrase=os.environ.get("CRM_PASSPHRASE") or None)
    open_s = time.perf_counter() - opened
    try:
        now = now_utc()
        owner = busiest_agent()
        first_start = time.perf_counter()
        day = agenda.my_day(owner, now)  # the first open: cold caches
        first_ms = (time.perf_counter() - first_start) * 1000
        runs = timed(lambda: agenda.my_day(owner, now), args.runs)
        queue_runs = timed(lambda: agenda.queues(now), max(5, args.runs // 10))
        remind_runs = timed(lambda: reminders.due_reminders(owner, now, set()), args.runs)
        customers = Customer.select().count()
        p50, p95 = pct(runs, 0.5), pct(runs, 0.95)
        print(f"backend          {storage.mode}, {customers:,} customers, opened in {open_s:.2f} s")
        print(f"agent            id {owner}: {len(day.overdue)} overdue, {len(day.today)} today, "
              f"{len(day.upcoming)} upcoming, {day.care_due_total} care due ({len(day.care_due)} listed), "
              f"{len(day.cases)} case alerts")
        print(f"my_day first     {first_ms:.1f} ms")
        print(f"my_day           p50 {p50:.1f} ms  p95 {p95:.1f} ms  max {max(runs):.1f} ms  "
              f"({len(runs)} runs; target <= {TARGET_MS:.0f} ms: {'ok' if p95 <= TARGET_MS else 'MISSED'})")
        print(f"due_reminders    p50 {pct(remind_runs, 0.5):.1f} ms  p95 {pct(remind_runs, 0.95):.1f} ms")
        print(f"queues           p50 {pct(queue_runs, 0.5):.1f} ms  p95 {pct(queue_runs, 0.95):.1f} ms  "
              f"(mean {statistics.mean(queue_runs):.1f} ms, every agent)")
        return 0 if p95 <= TARGET_MS else 1
    finally:
        storage.close()


if __name__ == "__main__":
    raise SystemExit(main())
