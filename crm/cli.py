"""Command line: `crm` starts the GUI; subcommands for self-test, demo data, backup/restore and team setup.

The GUI is injected (`gui=`) by `ui/entry.py`, so this module never imports Qt.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, Protocol

from crm import db, logs, secrets, settings
from crm.errors import CrmError, ValidationError

log = logging.getLogger(__name__)
PASSPHRASE_ENV = "CRM_PASSPHRASE"


class Gui(Protocol):
    def run_app(self, data_dir: Path, db_url: str | None) -> int: ...
    def pop(self, data_dir: Path, db_url: str | None, number: str) -> int: ...
    def ui_checks(self, storage: db.Storage) -> list: ...


# English text for the codes the core raises (the GUI has its own translated table in ui/errors.py).
MESSAGES = {
    "db_missing": "no database at {path}; start the app once or run a command that creates it",
    "db_exists": "a database already exists at {path}; nothing was changed",
    "key_missing": "the key for {path} is not in this computer's keyring ({reason}); "
                   "reopen it with --recovery-key (the key shown when the database was created)",
    "wrong_key": "the key does not open {path}; the file was not changed. Use the recovery key for this database",
    "wrong_passphrase": "the passphrase does not open {path}; the file was not changed",
    "passphrase_required": "{path} is protected by a passphrase; set CRM_PASSPHRASE or run in a terminal",
    "keyring_unavailable": "no usable OS keyring ({backend}); use --passphrase to protect the database "
                           "with a passphrase instead (the key is never written to disk)",
    "invalid_recovery_key": "the recovery key is not valid ({reason}); check for typos",
    "migration_failed": "upgrading the database failed at {migration}: {reason}; the old schema is intact "
                        "and a backup was written before the upgrade",
    "bad_db_url": "the database URL {url} is not postgresql://user@host:port/dbname",
    "password_in_url": "do not put the password in the URL ({url}); run `crm --db-url URL team-password`",
    "pg_password_missing": "no password for {url} in the keyring; run `crm --db-url URL team-password`",
    "pg_unreachable": "cannot connect to {url} ({reason})",
    "backup_failed": "backup to {path} failed: {reason}; no partial file was left",
    "backup_missing": "no backup file at {path}",
    "backup_not_supported": "backups of a {mode} database are made with the server's own tools (pg_dump)",
    "restore_rejected": "{path} cannot be restored ({reason}); the current database was not changed",
    "meta_unreadable": "{path} is unreadable: {reason}",
    "open_failed": "cannot open {path}: {reason}",
    "out_of_range": "{field} must be between {min} and {max}",
    "invalid_choice": "{field}: {value!r} is not one of the allowed values",
    "role_required": "this needs the {role} role; ask an administrator",
    "leads_changed": "{changed} leads changed while the file was written; nothing was recorded and no file left",
    "missing_column": "{file} has no {column!r} column (header row 1)",
    "duplicate_column": "{file} has the column {column!r} twice (header row 1)",
    "unreadable_file": "{file} cannot be read: {reason}",
}
# Codes about a file: the message says where (file, line, rule or product) and why.
FILE_ERRORS = {"bad_rules": "rule", "bad_catalogue": "product"}
# What a file error leaves behind: a bad catalogue stops the sync before any change; a bad rules file only
# stops whatever needed the rules (``crm detect`` changes nothing anyway), so it claims nothing.
FILE_ERROR_TAILS = {"bad_catalogue": "; nothing was changed"}
NOT_BLOCKS = ("not_new", "not_found")  # skip codes of explicitly chosen leads that are not blocks


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{code} {n}" for code, n in counts.items())


def _nothing_to_export(details: dict[str, Any]) -> str:
    """nothing new to export: 200 new leads are blocked (no_marketing_consent 120, …); …"""
    counts = details.get("counts")
    if not isinstance(counts, dict):
        counts = {code: 0 for code in details.get("codes") or ()}
    blocked = {code: n for code, n in counts.items() if code not in NOT_BLOCKS}
    others = {code: n for code, n in counts.items() if code in NOT_BLOCKS}
    total = sum(blocked.values())
    if blocked:
        head = (f"nothing new to export: {_plural(total, 'new lead is', 'new leads are')} blocked "
                f"({_counts_text(blocked)})")
    else:
        head = "nothing new to export: there is no new lead"
    if others:
        head += f"; not exported: {_counts_text(others)}"
    return head + "; leads already handed over are not exported again"


def describe(error: CrmError) -> str:
    if error.code == "nothing_to_export":
        return _nothing_to_export(error.details)
    if error.code in FILE_ERRORS:
        d = error.details
        where = [str(d.get("file", "?"))]
        if d.get("line"):
            where.append(f"line {d['line']}")
        item = FILE_ERRORS[error.code]
        if d.get(item):
            where.append(f"{item} {d[item]}")
        extra = {k: v for k, v in d.items() if k not in ("file", "line", item, "reason") and v is not None}
        tail = f" ({', '.join(f'{k}: {v}' for k, v in sorted(extra.items()))})" if extra else ""
        return f"{', '.join(where)}: {d.get('reason', error.code)}{tail}{FILE_ERROR_TAILS.get(error.code, '')}"
    template = MESSAGES.get(error.code)
    if template is None:
        return str(error)
    try:
        return template.format(**error.details)
    except KeyError:
        return f"{template} {error.details}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crm", description="Bank customer-service CRM")
    parser.add_argument("--data-dir", help="folder of the local database (default: per-user data folder; "
                        f"or ${settings.DATA_DIR_ENV})")
    parser.add_argument("--db-url", help="team database postgresql://user@host:port/db "
                        f"(or ${settings.DB_URL_ENV}); the password is read from the keyring")
    parser.add_argument("--passphrase", action="store_true",
                        help=f"use a passphrase instead of the keyring (read from ${PASSPHRASE_ENV} or prompted)")
    parser.add_argument("--recovery-key", help="open the local database with its recovery key")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    st = sub.add_parser("self-test", help="check this installation and report each check")
    st.add_argument("--json", metavar="FILE", help="also write the report as JSON")
    st.add_argument("--no-gui", action="store_true", help="skip the window and translation checks")
    sub.add_parser("init", help="create the local encrypted database and print its recovery key")
    demo = sub.add_parser("demo", help="fill the database with realistic synthetic data")
    demo.add_argument("--customers", type=int, default=1000)
    demo.add_argument("--interactions", type=int, default=10000)
    demo.add_argument("--seed", type=int, default=1)
    bk = sub.add_parser("backup", help="online backup of the local database (stays encrypted)")
    bk.add_argument("--out", required=True, metavar="FILE")
    rs = sub.add_parser("restore", help="replace the local database with a backup")
    rs.add_argument("file", metavar="FILE")
    sub.add_parser("team-password", help="store the team database password in the keyring (asks for it)")
    se = sub.add_parser("search", help="find customers by name, pinyin, initials, phone digits, ID/card tail")
    se.add_argument("text")
    se.add_argument("--json", action="store_true", help="print a JSON list, best match first")
    se.add_argument("--limit", type=int, default=50)
    pop = sub.add_parser("pop", help="screen pop: bring the app to the caller's customer (telephony hook)")
    pop.add_argument("number")
    ex = sub.add_parser("export", help="export follow-ups (iCalendar) or new leads for sales (CSV/XLSX); "
                        "customer identifiers are masked")
    ex.add_argument("what", choices=["followups", "leads"])
    ex.add_argument("--format", choices=["ics", "csv", "xlsx"],
                    help="followups: ics (default); leads: csv (default) or xlsx")
    ex.add_argument("--out", required=True, metavar="FILE")
    ex.add_argument("--owner", metavar="USERNAME", help="followups: only this agent's (default: everyone's)")
    ex.add_argument("--profile", choices=["generic", "salesforce", "hubspot"], default="generic",
                    help="leads: the columns the receiving system expects")
    ex.add_argument("--no-bom", action="store_true",
                    help="leads, csv: UTF-8 without a byte-order mark (for import tools; Excel needs the BOM)")
    ex.add_argument("--recipient", default="sales", help="leads: who receives the file (kept with the batch)")
    ex.add_argument("--purpose", default="lead handover", help="leads: why it is sent (kept with the batch)")
    im = sub.add_parser("import", help="read what sales report back about exported leads")
    im.add_argument("what", choices=["lead-outcomes"])
    im.add_argument("file", metavar="FILE", help="CSV (UTF-8, UTF-8 with BOM or GB18030) or XLSX keyed by lead ID")
    im.add_argument("--dry-run", action="store_true", help="check every row and report; change nothing")
    pr = sub.add_parser("products", help="load the product catalogue file into the database (admins)")
    pr.add_argument("action", choices=["sync"])
    pr.add_argument("--file", metavar="FILE", help="an edited catalogue (default: the shipped resources/products.toml)")
    dt_ = sub.add_parser("detect", help="read text on standard input and print what the detection rules find "
                         "(for rule maintainers)")
    dt_.add_argument("--json", action="store_true", help="print a JSON list of findings")
    dt_.add_argument("--opportunities", metavar="FILE", help="opportunity rules file to test (default: shipped)")
    dt_.add_argument("--fraud", metavar="FILE", help="anti-fraud rules file to test (default: shipped)")
    dt_.add_argument("--escalation", metavar="FILE", help="escalation phrases file to test (default: shipped)")
    dt_.add_argument("--lang", choices=["zh", "en"], default="en", help="language of the explanations")
    return parser


def main(argv: list[str] | None = None, gui: Gui | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    data_dir = settings.resolve_data_dir(args.data_dir)
    if not logging.getLogger().handlers:
        logs.setup(os.environ.get("CRM_LOG_LEVEL", "WARNING"),
                   data_dir / "logs" if args.command is None else None)
    db_url = settings.resolve_db_url(args.db_url)
    try:
        code = _dispatch(args, data_dir, db_url, gui)
        if args.command is not None:
            sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except BrokenPipeError:  # `crm import … | head`: the reader left; say nothing more
        _silence_stdout()
        return 141  # 128 + SIGPIPE, as a shell reports a writer whose reader closed the pipe
    except CrmError as exc:
        print(f"crm: error: {describe(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("crm: interrupted", file=sys.stderr)
        return 130


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's final flush does not fail again and print
    "Exception ignored … BrokenPipeError"."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):  # no real file behind stdout (tests, embedded)
        pass


def _dispatch(args: argparse.Namespace, data_dir: Path, db_url: str | None, gui: Gui | None) -> int:
    command = args.command
    if command is None:
        if gui is None:
            print("crm: error: the GUI is not available in this build", file=sys.stderr)
            return 2
        return gui.run_app(data_dir, db_url)
    if command == "self-test":
        return _self_test(args, gui)
    if command == "init":
        storage = _create(args, data_dir)
        storage.close()
        return 0
    if command == "team-password":
        return _team_password(db_url)
    if command == "pop":
        if gui is None:
            print("crm: error: the GUI is not available in this build", file=sys.stderr)
            return 2
        return gui.pop(data_dir, db_url, args.number)
    if command == "detect":
        return _detect(args)
    if command == "restore":
        db.restore(data_dir, Path(args.file), passphrase=_passphrase(args), recovery_key=args.recovery_key)
        print(f"restored {args.file} into {db.db_path(data_dir)}")
        return 0
    storage = open_storage(args, data_dir, db_url, create=True)
    try:
        if command == "backup":
            out = db.backup(storage, Path(args.out))
            print(f"backup written to {out}")
        elif command == "demo":
            from crm import demo

            report = demo.generate(customers=args.customers, interactions=args.interactions, seed=args.seed,
                                   progress=lambda msg: print(msg, file=sys.stderr))
            print(json.dumps(report, ensure_ascii=False))
        elif command == "search":
            _search(args)
        elif command == "export" and args.what == "leads":
            return _export_leads(args)
        elif command == "export":
            from crm.exports import ics

            if args.format not in (None, "ics"):
                raise ValidationError("invalid_choice", field="--format", value=args.format)
            result = ics.export_followups(Path(args.out), owner=args.owner)
            print(f"{result.events} follow-ups written to {result.path} ({result.cancelled} cancelled)")
        elif command == "import":
            return _import_outcomes(args)
        elif command == "products":
            from crm.services import products
            from crm.services.staff import current_staff

            changed = products.sync_catalogue(current_staff(), Path(args.file) if args.file else None)
            print(f"{changed} products added or updated from {args.file or products.catalogue_path()}")
    finally:
        storage.close()
    return 0


def _detect(args: argparse.Namespace) -> int:
    from crm import detection
    from crm.services import products

    files = {name: Path(getattr(args, name)) if getattr(args, name) else None
             for name in ("opportunities", "fraud", "escalation")}
    # Rule maintainers' check: every product code a rule suggests must be in the catalogue (RulesError
    # unknown_product). The app's default detector skips this to start fast.
    codes = {spec.code for spec in products.load_catalogue()}
    detector = detection.Detector.load(**files, products=codes)
    text = sys.stdin.read()
    findings = detector.detect(text)
    if args.json:
        print(json.dumps(detection.findings_to_json(findings), ensure_ascii=False))
    elif findings:
        print(detection.format_findings(findings, lang=args.lang))
    else:
        print("no findings", file=sys.stderr)
    return 0


def _export_leads(args: argparse.Namespace) -> int:
    from crm.exports import leads as lead_export
    from crm.services import leads
    from crm.services.staff import current_staff

    fmt = args.format or "csv"
    if fmt not in ("csv", "xlsx"):
        raise ValidationError("invalid_choice", field="--format", value=fmt)
    actor = current_staff()
    leads.recheck_leads(actor)  # consent or a rating may have changed since the leads were made
    result = lead_export.export_leads(actor, Path(args.out), fmt=fmt, profile=args.profile,
                                      bom=not args.no_bom, recipient=args.recipient, purpose=args.purpose)
    print(f"{result.row_count} leads written to {result.path} (batch {result.batch_id}, sha256 {result.sha256})")
    if result.skipped:  # one line, not one per lead
        counts = lead_export.skip_counts(result.skipped)
        print(f"skipped {_plural(len(result.skipped), 'lead', 'leads')} still blocked: {_counts_text(counts)}",
              file=sys.stderr)
    return 0


def _import_outcomes(args: argparse.Namespace) -> int:
    from crm.imports import lead_outcomes
    from crm.services.staff import current_staff

    report = lead_outcomes.import_outcomes(current_staff(), Path(args.file), dry_run=args.dry_run)
    print(lead_outcomes.format_import_report(report))
    return 1 if report.rejected else 0


def _search(args: argparse.Namespace) -> None:
    from crm.services import search

    if args.limit < 1:
        raise ValidationError("out_of_range", field="--limit", min=1, max=search.MAX_IDS)
    hits = search.search(args.text, limit=args.limit)
    if args.json:
        print(json.dumps([{"id": h.id, "name": h.name, "phone": h.phone, "segment": h.segment,
                           "last_contact_at": h.last_contact_at.isoformat() if h.last_contact_at else None,
                           "match": h.match} for h in hits], ensure_ascii=False))
        return
    for h in hits:
        print(f"{h.id}\t{h.name}\t{h.phone}\t{h.segment}\t{h.match}")
    if not hits:
        print("no customer found", file=sys.stderr)


def _passphrase(args: argparse.Namespace) -> str | None:
    if not args.passphrase:
        return None
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CrmError("passphrase_required", path="(stdin is not a terminal)")
    return getpass.getpass("Database passphrase: ")


def _create(args: argparse.Namespace, data_dir: Path) -> db.Storage:
    storage, recovery = db.create_local(data_dir, passphrase=_passphrase(args))
    print(f"created encrypted database {storage.location}", file=sys.stderr)
    if recovery:
        print("RECOVERY KEY (shown once; print it or store it safely, it reopens the database if the "
              f"keyring entry is lost):\n  {recovery}", file=sys.stderr)
    return storage


def open_storage(args: argparse.Namespace, data_dir: Path, db_url: str | None, *, create: bool) -> db.Storage:
    if db_url:
        return db.open_url(db_url)
    if create and not db.local_exists(data_dir):
        return _create(args, data_dir)
    return db.open_local(data_dir, passphrase=_passphrase(args), recovery_key=args.recovery_key)


def _team_password(db_url: str | None) -> int:
    if not db_url:
        raise CrmError("bad_db_url", url="(none: pass --db-url)")
    password = os.environ.get("CRM_DB_PASSWORD") or getpass.getpass(f"Password for {db_url}: ")
    secrets.set_secret(secrets.pg_account(db_url), password)
    storage = db.open_url(db_url)
    storage.close()
    print(f"password stored in the keyring ({secrets.backend_name()}) and the connection works")
    return 0


def _self_test(args: argparse.Namespace, gui: Gui | None) -> int:
    from crm import selftest

    report: dict[str, Any] = selftest.run_checks(None if args.no_gui else gui)
    for check in report["checks"]:
        mark = "ok  " if check["ok"] else "FAIL"
        print(f"{mark} {check['name']}: {check['detail']}")
    print(f"keyring backend: {report['keyring_backend']}")
    print("self-test passed" if report["ok"] else "self-test FAILED")
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if report["ok"] else 1
