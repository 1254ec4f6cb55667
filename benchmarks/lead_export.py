"""Lead export benchmark: export_leads to CSV and XLSX beside the bare writers (csv module, xlsxwriter
constant_memory) writing the same rows read by one plain SQL query: seconds, peak memory, ratios.

    uv run python benchmarks/lead_export.py                     # builds /tmp/lead-export-bench (100k leads)
    uv run python benchmarks/lead_export.py --data-dir D --leads 100000

Every measurement runs in a fresh process (so ru_maxrss is that run's own peak): once timed, once under
tracemalloc (Python allocations; it slows the run, so its time is not used). Before each export the leads are
put back to ``new`` and the batches removed. The database is SQLCipher with a passphrase (CRM_PASSPHRASE or a
fixed benchmark one), built by bulk insert when missing or of another size.

Targets (issue 5): CSV <= 1.5x and XLSX <= 1.3x their bare writer; peak memory <= 100 MB.

Also shown: the bare writers' query alone (read-only) and the export's own chunk query (29 columns with the
re-check's facts) written by the bare csv module (facts-csv), to tell reading from the export's per-row work.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crm import db  # noqa: E402

PASSPHRASE = os.environ.get("CRM_PASSPHRASE", "lead-export-benchmark")
SPAN = 86400 * 60  # the leads' creation times: the last 60 days
MODES = ("read-only", "bare-csv", "facts-csv", "export-csv", "bare-xlsx", "export-xlsx")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文华建国志红玉兰海燕晓东俊"
EVIDENCE = (  # (what the customer said, the phrase a rule found in it)
    ("客户咨询大额存单利率，表示有一笔定期下个月到期，想了解有没有收益更高的产品。", "定期下个月到期"),
    ("客户说孩子明年出国留学，需要办理外汇结算和跨境汇款，询问手续和费用。", "出国留学"),
    ("客户提到退休后想做稳健一点的理财，问有没有保本的产品，已提示理财产品不保本。", "退休"),
    ("客户咨询信用卡分期手续费，打算装修房子，可能需要消费贷款。", "装修"))
BEFORE = ("客户来电核实身份后查询账户余额。", "客户来电咨询转账限额。", "")  # the call's notes around it
AFTER = ("已告知客户经理会联系。", "客户表示考虑后再联系。", "")
PRODUCTS = (  # code, zh, en, category, risk, 双录
    ("LCD-2026-01", "大额存单2026年第1期", "Large CD 2026-1", "large_cd", 1, 0),
    ("SD-90D", "结构性存款90天", "Structured deposit 90d", "structured_deposit", 2, 0),
    ("WM-R3-A", "稳健理财R3", "Balanced wealth R3", "wealth", 3, 1),
    ("FX-SETTLE", "外汇结算", "FX settlement", "fx", 1, 0),
    ("CB-PAY", "跨境汇款", "Cross-border payment", "cross_border", 1, 0),
    ("CL-HOME", "装修消费贷", "Home improvement loan", "consumer_loan", 1, 0),
)


# --- the data --------------------------------------------------------------------------------------

def build(data_dir: Path, n: int, seed: int = 5) -> None:
    """n customers with a mobile and marketing consent on the phone, one call, one opportunity detected in its
    notes and one new lead each.

    Creation times rise with the ids, as in the application (ids are assigned as leads are created): the
    hand-over's UPDATE moves each lead's entry in the (state, created_at) index, and with times scattered at
    random over the ids (this benchmark's data until session 5) that UPDATE cost about 0.35 s more per 100k."""
    from crm.demo.writer import BulkWriter, TsText
    from crm.models import Consent, Customer, CustomerPhone, Interaction, Lead, Opportunity, Product, StaffUser

    storage, _ = db.create_local(data_dir, passphrase=PASSPHRASE)
    rng = random.Random(seed)
    writer, ts = BulkWriter(storage.db), TsText()
    now = int(time.time())
    today = dt.date.today()
    stamp = ts(now - 86400 * 30)
    with writer.transaction():
        writer.insert(StaffUser, ("id", "version", "created_at", "updated_at", "username", "display_name", "role",
                                  "active"),
                      [(i, 1, stamp, stamp, f"agent{i}", f"客服{SURNAMES[i]}{GIVEN[i]}", "agent", 1)
                       for i in range(1, 21)])
        writer.insert(Product, ("id", "version", "created_at", "updated_at", "code", "name_zh", "name_en",
                                "category", "risk_level", "dual_recording", "active"),
                      [(i, 1, stamp, stamp, *p, 1) for i, p in enumerate(PRODUCTS, 1)])
    chunk = 10_000
    for start in range(1, n + 1, chunk):
        ids = range(start, min(n, start + chunk - 1) + 1)
        customers, phones, consents, calls, opps, leads = [], [], [], [], [], []
        for cid in ids:
            # created in id order, as the application assigns ids (SPAN: the last 60 days)
            created = ts(now - SPAN + (cid - 1) * SPAN // n + rng.randrange(max(1, SPAN // n)))
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            born = dt.date(today.year - rng.randrange(22, 80), rng.randrange(1, 13), rng.randrange(1, 29)).isoformat()
            customers.append((cid, 1, created, created, name, "", "", "unknown", born, "standard", "C4",
                              (today - dt.timedelta(days=30)).isoformat(),
                              (today + dt.timedelta(days=335)).isoformat(), 0, 0, ""))
            number = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
            phones.append((1, created, created, cid, number, number[::-1], "mobile", 1, 1))
            consents.append((cid, "marketing", "phone", 1 if rng.random() > 0.02 else 0, "call", created, ""))
            pid = rng.randrange(1, len(PRODUCTS) + 1)
            said, phrase = rng.choice(EVIDENCE)
            notes = rng.choice(BEFORE) + said + rng.choice(AFTER)
            start = notes.index(phrase)
            calls.append((cid, 1, created, created, cid, rng.randrange(1, 21), created, "inbound_call", "in",
                          "consultation", notes, "not_done", 0))
            opps.append((cid, 2, created, created, cid, cid, PRODUCTS[pid - 1][3], pid, phrase, start,
                         start + len(phrase), "confirmed"))
            leads.append((cid, 1, created, created, cid, cid, pid, rng.randrange(1, 21), "new",
                          PRODUCTS[pid - 1][5], "", "phone", "", ""))
        with writer.transaction():
            writer.insert(Customer, ("id", "version", "created_at", "updated_at", "name", "name_pinyin",
                                     "name_initials", "gender", "birth_date", "segment", "risk_rating",
                                     "risk_assessed_on", "risk_expires_on", "do_not_disturb", "vulnerable", "notes"),
                          customers)
            writer.insert(CustomerPhone, ("version", "created_at", "updated_at", "customer", "number", "number_rev",
                                          "kind", "is_reserved", "is_primary"), phones)
            writer.insert(Consent, ("customer", "purpose", "channel", "granted", "source", "recorded_at", "note"),
                          consents)
            writer.insert(Interaction, ("id", "version", "created_at", "updated_at", "customer", "staff", "ts",
                                        "channel", "direction", "category", "notes", "verification", "fraud_flag"),
                          calls)
            writer.insert(Opportunity, ("id", "version", "created_at", "updated_at", "customer", "interaction",
                                        "category", "product", "evidence_text", "evidence_start", "evidence_end",
                                        "status"), opps)
            writer.insert(Lead, ("id", "version", "created_at", "updated_at", "customer", "opportunity", "product",
                                 "referred_by", "state", "dual_recording_required", "outcome_note", "contact_channel",
                                 "flags", "override_codes"), leads)
        print(f"  built {ids[-1]}/{n} leads", file=sys.stderr)
    storage.db.execute_sql("ANALYZE")
    storage.close()


def lead_count(data_dir: Path) -> int | None:
    if not db.local_exists(data_dir):
        return None
    storage = db.open_local(data_dir, passphrase=PASSPHRASE)
    try:
        scattered = storage.db.execute_sql(
            "SELECT EXISTS(SELECT 1 FROM lead a JOIN lead b ON b.id = a.id + 1 WHERE b.created_at < a.created_at)"
        ).fetchone()[0]
        scattered = scattered or not storage.db.execute_sql("SELECT count(*) FROM interaction").fetchone()[0]
        if scattered:
            raise SystemExit(f"{data_dir} was built by an older version of this benchmark (creation times not in "
                             "id order, or no calls behind the opportunities): remove it or use another --data-dir")
        return storage.db.execute_sql("SELECT count(*) FROM lead").fetchone()[0]
    finally:
        storage.close()


# --- one measured run (child process) --------------------------------------------------------------

FLOOR_SQL = """
SELECT l.id, l.created_at, p.code, p.name_zh, p.category, c.name,
       (SELECT ph.number FROM customer_phone ph WHERE ph.customer_id = l.customer_id
        ORDER BY CASE WHEN ph.kind = 'mobile' THEN 0 ELSE 1 END, ph.is_primary DESC, ph.id LIMIT 1),
       l.contact_channel, s.display_name, l.dual_recording_required, l.flags, i.notes
FROM lead l JOIN customer c ON c.id = l.customer_id JOIN product p ON p.id = l.product_id
JOIN staff_user s ON s.id = l.referred_by_id LEFT JOIN opportunity o ON o.id = l.opportunity_id
LEFT JOIN interaction i ON i.id = o.interaction_id
WHERE l.state = 'new' ORDER BY l.id
"""


def bare_csv(conn, out: Path, headers) -> int:
    n = 0
    with open(out, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(headers)
        cursor = conn.execute(FLOOR_SQL)
        while rows := cursor.fetchmany(1000):
            w.writerows([*(str(v) for v in r), "", "", "", ""] for r in rows)
            n += len(rows)
    return n


def facts_csv(conn, out: Path, headers) -> int:
    """The export's own reading (its chunk query, with the re-check's facts, 1,000 ids at a time) written by the
    bare csv module: what the export costs beyond reading, without its per-row work and the hand-over."""
    from crm.exports.leads import CHUNK, _chunk_query, _IdQuery

    query = _IdQuery(_chunk_query())
    ids = [r[0] for r in conn.execute("SELECT id FROM lead WHERE state = 'new' ORDER BY id")]
    n = 0
    with open(out, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(headers)
        for start in range(0, len(ids), CHUNK):
            rows = query.rows(ids[start:start + CHUNK])
            w.writerows([str(v) for v in r] for r in rows)
            n += len(rows)
    return n


def bare_xlsx(conn, out: Path, headers) -> int:
    import xlsxwriter

    from crm.exports.leads import XLSX_OPTIONS

    book = xlsxwriter.Workbook(str(out), XLSX_OPTIONS)
    sheet = book.add_worksheet("Leads")
    for c, h in enumerate(headers):
        sheet.write_string(0, c, h)
    put, r = sheet.write_string, 1
    cursor = conn.execute(FLOOR_SQL)
    while rows := cursor.fetchmany(1000):
        for row in rows:
            for c, v in enumerate(row):
                if v is not None and v != "":
                    put(r, c, str(v))
            r += 1
    book.close()
    return r - 1


def reset(storage) -> None:
    with storage.db.atomic():
        storage.db.execute_sql("UPDATE lead SET state = 'new', batch_id = NULL, version = 1")
        storage.db.execute_sql("DELETE FROM export_batch")
    storage.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # every run reads the same file, no long WAL


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def child(data_dir: Path, mode: str, out_dir: Path, trace: bool) -> dict:
    from crm.exports import leads as lead_export
    from crm.models import StaffUser

    storage = db.open_local(data_dir, passphrase=PASSPHRASE)
    reset(storage)
    fmt = mode.split("-")[1] if mode != "read-only" else "csv"
    out = out_dir / f"{mode}.{fmt}"
    headers = lead_export.PROFILES["generic"].headers
    actor = StaffUser.get_by_id(1)
    import xlsxwriter  # noqa: F401 - both paths pay the import before the clock starts

    tail = [0.0]  # from the complete temporary file to the end: the rest of the hand-over, checksum, commit
    write_temp = lead_export.write_temp

    def timed_write_temp(*args, **kwargs):
        try:
            return write_temp(*args, **kwargs)
        finally:
            tail[0] = time.perf_counter()

    lead_export.write_temp = timed_write_temp
    conn = storage.db.connection()
    base_rss = rss_mb()
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    if mode == "read-only":  # the bare writers' query alone: what reading the rows costs
        cursor = conn.execute(FLOOR_SQL)
        rows = 0
        while chunk := cursor.fetchmany(1000):
            rows += len(chunk)
        out.write_bytes(b"")
    elif mode == "bare-csv":
        rows = bare_csv(conn, out, headers)
    elif mode == "facts-csv":
        rows = facts_csv(conn, out, headers)
    elif mode == "bare-xlsx":
        rows = bare_xlsx(conn, out, headers)
    else:
        result = lead_export.export_leads(actor, out, fmt=fmt, profile="generic", recipient="bench",
                                          purpose="benchmark")
        rows = result.row_count
    end = time.perf_counter()
    seconds = end - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    storage.close()
    return {"mode": mode, "rows": rows, "seconds": seconds, "tracemalloc_peak_mb": peak, "rss_before_mb": base_rss,
            "maxrss_mb": maxrss, "bytes": out.stat().st_size, "tail_s": end - tail[0] if tail[0] else 0.0}


def measure(data_dir: Path, mode: str, out_dir: Path, trace: bool) -> dict:
    cmd = [sys.executable, __file__, "--data-dir", str(data_dir), "--child", mode, "--out-dir", str(out_dir)]
    if trace:
        cmd.append("--trace")
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default="/tmp/lead-export-bench")
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--out-dir", default=None)
    parser.add_argument("--runs", type=int, default=3, help="timed rounds of every mode (the best is kept)")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    data_dir = Path(args.data_dir)
    out_dir = Path(args.out_dir or data_dir / "out")
    out_dir.mkdir(parents=True, exist_ok=True)
    if args.child:
        print(json.dumps(child(data_dir, args.child, out_dir, args.trace)))
        return 0

    have = lead_count(data_dir)
    if have != args.leads:
        if have is not None:
            raise SystemExit(f"{data_dir} holds {have} leads, not {args.leads}: use another --data-dir")
        print(f"building {args.leads} leads in {data_dir} …", file=sys.stderr)
        t0 = time.perf_counter()
        build(data_dir, args.leads)
        print(f"built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    results: dict[str, dict] = {}
    for _ in range(args.runs):  # rounds interleave the modes: a busy moment hits all of them alike
        for mode in MODES:
            run = measure(data_dir, mode, out_dir, False)
            if mode not in results or run["seconds"] < results[mode]["seconds"]:
                results[mode] = run
    if not args.no_trace:
        for mode in MODES[1:]:
            results[mode]["tracemalloc_peak_mb"] = measure(data_dir, mode, out_dir, True)["tracemalloc_peak_mb"]
    print(f"{args.leads} leads, generic profile; {os.cpu_count()} cores; best of {args.runs} interleaved rounds; "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'run':<12}{'rows':>8}{'seconds':>9}{'tail':>10}{'py peak MB':>11}{'RSS before':>11}"
          f"{'max RSS':>9}{'delta':>7}{'file MB':>8}")
    for mode, r in results.items():
        py = f"{r['tracemalloc_peak_mb']:.1f}" if r["tracemalloc_peak_mb"] is not None else "-"
        hand = f"{r['tail_s']:.2f}" if mode.startswith("export") else "-"
        print(f"{mode:<12}{r['rows']:>8}{r['seconds']:>9.2f}{hand:>10}{py:>11}{r['rss_before_mb']:>11.1f}"
              f"{r['maxrss_mb']:>9.1f}{r['maxrss_mb'] - r['rss_before_mb']:>7.1f}{r['bytes'] / 2**20:>8.1f}")
    print(f"reading the rows alone (the bare writers' query): {results['read-only']['seconds']:.2f} s")
    facts = results["facts-csv"]["seconds"]
    print(f"the export's own query written by the bare csv module: {facts:.2f} s; export-csv / that = "
          f"{results['export-csv']['seconds'] / facts:.2f}x (the re-check, masking, profile and hand-over)")
    for fmt, target in (("csv", 1.5), ("xlsx", 1.3)):
        ours, bare = results[f"export-{fmt}"], results[f"bare-{fmt}"]
        ratio = ours["seconds"] / bare["seconds"]
        peak = max(ours["maxrss_mb"] - ours["rss_before_mb"], ours["tracemalloc_peak_mb"] or 0)
        print(f"{fmt}: export {ours['seconds']:.2f} s vs bare {bare['seconds']:.2f} s = {ratio:.2f}x "
              f"(target <= {target}x) {'ok' if ratio <= target else 'MISSED'}; until the file is complete "
              f"{(ours['seconds'] - ours['tail_s']) / bare['seconds']:.2f}x; peak memory added "
              f"{peak:.1f} MB (target <= 100 MB) {'ok' if peak <= 100 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
