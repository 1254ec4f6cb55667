"""Benchmark: generate demo data into a fresh encrypted database in a temporary folder.

    uv run python benchmarks/demo_generation.py                      # 100k customers, 1M interactions
    uv run python benchmarks/demo_generation.py --customers 2000 --interactions 20000
    uv run python benchmarks/demo_generation.py --db-url postgresql://crm@127.0.0.1:5432/bench  # team mode

Prints the seconds per stage, rows per second and the database size (file, WAL included; or
pg_database_size on PostgreSQL). The temporary folder is removed afterwards unless --keep is given.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm import db, demo  # noqa: E402

PASSPHRASE = "benchmark-passphrase"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db-url", help="PostgreSQL URL (password from the keyring) instead of SQLCipher")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database folder")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="crm-demo-bench-"))
    opened = time.perf_counter()
    storage = db.open_url(args.db_url) if args.db_url else db.create_local(folder, passphrase=PASSPHRASE)[0]
    open_seconds = time.perf_counter() - opened
    try:
        report = demo.generate(customers=args.customers, interactions=args.interactions, seed=args.seed,
                               progress=None if args.quiet else lambda m: print(f"  {m}", file=sys.stderr))
        size = _size(storage, folder)
    finally:
        storage.close()
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    rows = sum(report["counts"].values())
    seconds = report["seconds"]
    print(f"backend          {storage.mode}")
    print(f"open/create      {open_seconds:.2f} s")
    print(f"generate         {seconds:.2f} s for {args.customers:,} customers, {args.interactions:,} interactions")
    print(f"rows written     {rows:,} ({rows / seconds:,.0f} rows/s; "
          f"{report['counts']['interaction'] / max(report['stage_seconds'].get('interactions', 0), 1e-9):,.0f} "
          "interactions/s in their stage)")
    print(f"database size    {size / 2**20:,.1f} MB")
    print("stages (s)       " + json.dumps(report["stage_seconds"]))
    print("counts           " + json.dumps(report["counts"]))
    if args.keep and not args.db_url:
        print(f"kept             {folder} (passphrase {PASSPHRASE!r})")
    return 0


def _size(storage: db.Storage, folder: Path) -> int:
    if storage.mode == "postgresql":
        return storage.db.execute_sql("SELECT pg_database_size(current_database())").fetchone()[0]
    storage.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in folder.iterdir() if p.name.startswith(db.DB_FILE))


if __name__ == "__main__":
    raise SystemExit(main())
