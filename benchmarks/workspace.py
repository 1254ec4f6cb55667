"""Workspace benchmark on `crm demo` data: search per query kind and the timeline's first page, each beside
the same work as raw SQL on the same connection; process start -> first painted main window beside a floor
script; RSS of the open window.

    uv run crm --data-dir /tmp/bench demo --customers 100000 --interactions 1000000
    uv run python benchmarks/workspace.py --data-dir /tmp/bench

Targets (issue 3): search p95 <= 5 ms and <= 10x its raw floor for every kind; timeline first page
p95 <= 5 ms; first paint <= 1.3x the floor; RSS <= 150 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crm import db, search_keys  # noqa: E402
from crm.services import search, timeline  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(fn, args_list) -> list[float]:
    out = []
    for args in args_list:
        start = time.perf_counter()
        fn(*args)
        out.append((time.perf_counter() - start) * 1000)
    return out


def sample_queries(conn, n: int, rng: random.Random) -> dict[str, list[str]]:
    max_id = conn.execute("SELECT max(id) FROM customer").fetchone()[0]
    rows = []
    while len(rows) < n:
        ids = [rng.randint(1, max_id) for _ in range(n)]
        marks = ",".join("?" * len(ids))
        rows += conn.execute(
            f"SELECT c.name, c.name_pinyin, c.name_initials, c.id_tail, "
            f"(SELECT number FROM customer_phone p WHERE p.customer_id = c.id LIMIT 1) "
            f"FROM customer c WHERE c.id IN ({marks}) AND c.id_tail IS NOT NULL", ids).fetchall()
    rows = rows[:n]
    queries: dict[str, list[str]] = {"name": [], "pinyin": [], "initials": [], "phone_digits": [], "id_tail": []}
    for name, pinyin, initials, id_tail, phone in rows:
        queries["name"].append(name[-2:] if len(name) > 2 and rng.random() < 0.5 else name)
        queries["pinyin"].append(pinyin[: max(4, len(pinyin) - 2)])
        queries["initials"].append(initials)
        if phone:
            choice = rng.random()
            queries["phone_digits"].append(phone if choice < 0.4 else ("+86 " + phone if choice < 0.6
                                                                       else phone[-rng.randint(4, 8):]))
        queries["id_tail"].append(id_tail[-rng.choice((4, 6)):])
    return queries


def raw_search(conn, text: str, limit: int = 50) -> list:
    """The same index work as the service, written directly against the connection."""
    query = search._classify(text)  # the classification is string work; the floor is the SQL
    ids: list[int] = []
    for kind, key, exact in query.paths:
        if exact:
            sql = "SELECT customer_id, key FROM customer_search_key WHERE kind = ? AND key = ? LIMIT 200"
            params = (kind, key)
        else:
            sql = ("SELECT customer_id, key FROM customer_search_key WHERE kind = ? AND key >= ? AND key < ? "
                   "ORDER BY kind, key LIMIT 200")
            params = (kind, key, search_keys.prefix_upper_bound(key))
        rows = conn.execute(sql, params).fetchall()
        ids += [r[0] for r in rows]
        whole = [r[0] for r in rows if query.exact_phone and r[1] == query.exact_phone]
        if whole:
            marks = ",".join("?" * len(whole))
            conn.execute(f"SELECT customer_id FROM customer_phone WHERE customer_id IN ({marks}) AND number = ?",
                         (*whole, query.exact_phone)).fetchall()
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    recency = dict(conn.execute(f"SELECT id, last_contact_at FROM customer WHERE id IN ({marks})", ids))
    top = sorted(ids, key=lambda cid: recency.get(cid) or "", reverse=True)[:limit]
    marks = ",".join("?" * len(top))
    return conn.execute(
        f"SELECT c.id, c.name, (SELECT number FROM customer_phone p WHERE p.customer_id = c.id "
        f"ORDER BY p.is_primary DESC, p.id LIMIT 1), c.segment, c.last_contact_at "
        f"FROM customer c WHERE c.id IN ({marks})", top).fetchall()


def raw_timeline(conn, cid: int) -> list:
    return conn.execute(
        "SELECT i.id, i.ts, i.channel, i.category, i.notes, i.satisfaction, s.display_name FROM interaction i "
        "JOIN staff_user s ON s.id = i.staff_id WHERE i.customer_id = ? ORDER BY i.ts DESC, i.id DESC LIMIT 50",
        (cid,)).fetchall()


def startup(argv: list[str], env: dict, runs: int) -> tuple[float, float]:
    """Median seconds from process start to first paint, and the RSS (MB) then, of ``runs`` launches."""
    paints, rss = [], []
    for _ in range(runs):
        env = dict(env, CRM_STARTUP_PROBE="1", CRM_PROBE_T0=repr(time.time()), QT_QPA_PLATFORM="offscreen")
        out = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
        line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
        if not line:
            raise RuntimeError(f"no probe output from {argv}: {out.stdout[-500:]} {out.stderr[-2000:]}")
        report = json.loads(line[-1])
        paints.append(report["first_paint_s"])
        rss.append(report["rss_mb"])
    return statistics.median(paints), statistics.median(rss)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    data_dir = Path(args.data_dir)
    passphrase = os.environ.get("CRM_PASSPHRASE")
    storage = db.open_local(data_dir, passphrase=passphrase)
    conn = storage.db.connection()
    rng = random.Random(args.seed)
    customers = conn.execute("SELECT count(*) FROM customer").fetchone()[0]
    interactions = conn.execute("SELECT count(*) FROM interaction").fetchone()[0]
    print(f"data: {customers} customers, {interactions} interactions ({db.db_path(data_dir)})")
    queries = sample_queries(conn, args.queries, rng)
    print(f"{'query kind':<14}{'service p50':>12}{'p95':>8}{'raw p50':>10}{'p95':>8}{'ratio p95':>11}  target")
    worst = 0.0
    for kind, texts in queries.items():
        for text in texts:  # the same pages warm for both paths: neither pays for the other's cold reads
            raw_search(conn, text)
            search.search(text)
        svc = timed(search.search, [(t,) for t in texts])
        raw = timed(lambda t: raw_search(conn, t), [(t,) for t in texts])
        ratio = pct(svc, 0.95) / max(pct(raw, 0.95), 1e-6)
        worst = max(worst, ratio)
        ok = pct(svc, 0.95) <= 5 and ratio <= 10
        print(f"{kind:<14}{pct(svc, .5):>10.2f}ms{pct(svc, .95):>6.2f}ms{pct(raw, .5):>8.2f}ms"
              f"{pct(raw, .95):>6.2f}ms{ratio:>10.1f}x  {'ok' if ok else 'MISSED'}")
    cids = [r[0] for r in conn.execute(
        "SELECT customer_id FROM interaction WHERE id IN (SELECT abs(random()) % (SELECT max(id) FROM interaction) "
        "FROM interaction LIMIT ?)", (args.queries,))]
    for cid in cids:
        raw_timeline(conn, cid)
        timeline.page(cid)
    svc = timed(timeline.page, [(c,) for c in cids])
    raw = timed(lambda c: raw_timeline(conn, c), [(c,) for c in cids])
    print(f"{'timeline p1':<14}{pct(svc, .5):>10.2f}ms{pct(svc, .95):>6.2f}ms{pct(raw, .5):>8.2f}ms"
          f"{pct(raw, .95):>6.2f}ms{pct(svc, .95) / max(pct(raw, .95), 1e-6):>10.1f}x  "
          f"{'ok' if pct(svc, .95) <= 5 else 'MISSED'} (8 sources merged vs interactions only)")
    storage.close()

    env = dict(os.environ)
    extra = ["--passphrase"] if passphrase else []
    app = [sys.executable, "-m", "ui.entry", "--data-dir", str(data_dir), *extra]
    floor = [sys.executable, str(ROOT / "benchmarks" / "floor_window.py"), "--data-dir", str(data_dir), *extra]
    startup(floor, env, 1)  # warm the page cache for both
    startup(app, env, 1)
    floor_s, floor_rss = startup(floor, env, args.startup_runs)
    app_s, app_rss = startup(app, env, args.startup_runs)
    print(f"first paint: app {app_s * 1000:.0f} ms, floor {floor_s * 1000:.0f} ms, "
          f"ratio {app_s / floor_s:.2f}x (target <= 1.3x) {'ok' if app_s / floor_s <= 1.3 else 'MISSED'}")
    print(f"RSS with the window open: app {app_rss:.0f} MB, floor {floor_rss:.0f} MB "
          f"(target <= 150 MB) {'ok' if app_rss <= 150 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
