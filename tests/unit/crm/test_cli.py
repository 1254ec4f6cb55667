"""The command line: global options, one clear error line (never a traceback), backup/restore, self-test."""

from __future__ import annotations

import json

import pytest

from crm import cli, db


def run(argv, capsys):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_init_prints_recovery_key_once_and_refuses_to_overwrite(tmp_path, capsys):
    code, out, err = run(["--data-dir", str(tmp_path), "init"], capsys)
    assert code == 0 and "RECOVERY KEY" in err
    code, out, err = run(["--data-dir", str(tmp_path), "init"], capsys)
    assert code == 2
    assert err.startswith("crm: error: a database already exists") and "Traceback" not in err
    assert err.count("\n") == 1


def test_data_dir_from_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CRM_DATA_DIR", str(tmp_path / "env"))
    assert run(["init"], capsys)[0] == 0
    assert db.db_path(tmp_path / "env").exists()


def test_backup_restore_via_cli(tmp_path, capsys):
    base = ["--data-dir", str(tmp_path / "d")]
    assert run(base + ["init"], capsys)[0] == 0
    code, out, err = run(base + ["backup", "--out", str(tmp_path / "b.db")], capsys)
    assert code == 0 and "backup written" in out
    code, out, err = run(base + ["restore", str(tmp_path / "b.db")], capsys)
    assert code == 0, err
    code, out, err = run(base + ["restore", str(tmp_path / "nope.db")], capsys)
    assert code == 2 and "no backup file" in err


def test_lost_keyring_entry_message_says_how_to_recover(tmp_path, capsys, fake_keyring):
    base = ["--data-dir", str(tmp_path)]
    _, _, err = run(base + ["init"], capsys)
    recovery = err.split("\n")[2].strip()
    fake_keyring.entries.clear()
    code, out, err = run(base + ["backup", "--out", str(tmp_path / "x.db")], capsys)
    assert code == 2 and "--recovery-key" in err and "Traceback" not in err
    code, out, err = run(base + ["--recovery-key", recovery, "backup", "--out", str(tmp_path / "x.db")], capsys)
    assert code == 0, err


def test_passphrase_mode_from_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CRM_PASSPHRASE", "a long enough passphrase")
    base = ["--data-dir", str(tmp_path), "--passphrase"]
    code, out, err = run(base + ["init"], capsys)
    assert code == 0 and "RECOVERY KEY" not in err
    monkeypatch.setenv("CRM_PASSPHRASE", "wrong passphrase here")
    code, out, err = run(base + ["backup", "--out", str(tmp_path / "x.db")], capsys)
    assert code == 2 and "passphrase does not open" in err


def test_bad_db_url_is_one_line(capsys):
    code, out, err = run(["--db-url", "mysql://nope", "backup", "--out", "x"], capsys)
    assert code == 2 and err.startswith("crm: error:") and err.count("\n") == 1


def test_unknown_command_is_argparse_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["frobnicate"])
    assert exit_info.value.code == 2


def test_self_test_core_checks_and_json(tmp_path, capsys):
    report_path = tmp_path / "st.json"
    code, out, err = run(["self-test", "--no-gui", "--json", str(report_path)], capsys)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    names = {c["name"]: c for c in report["checks"]}
    assert {"python_version", "keyring_roundtrip", "encrypted_database", "no_plaintext_on_disk",
            "backup_roundtrip"} <= set(names)
    assert report["ok"] and code == 0, out
    assert "self-test passed" in out


def test_self_test_fails_without_a_usable_keyring(tmp_path, capsys, monkeypatch):
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    code, out, err = run(["self-test", "--no-gui"], capsys)
    assert code == 1 and "FAIL keyring_roundtrip" in out


def test_search_command_json(tmp_path, capsys):
    from crm import db as crm_db
    from crm.services import customers
    from crm.services.customers import NewCustomer

    base = ["--data-dir", str(tmp_path)]
    assert run(base + ["init"], capsys)[0] == 0
    storage = crm_db.open_local(tmp_path)
    customers.create_customer(None, NewCustomer(name="张三", phones=("13812345678",)))
    customers.create_customer(None, NewCustomer(name="张三丰", phones=("13912345678",)))
    storage.close()
    code, out, err = run(base + ["search", "+86 138 1234 5678", "--json"], capsys)
    hits = json.loads(out)
    assert code == 0 and hits[0]["name"] == "张三" and hits[0]["phone"] == "138****5678"
    assert {"id", "name", "phone", "segment"} <= set(hits[0])
    code, out, err = run(base + ["search", "zs", "--limit", "1", "--json"], capsys)
    assert len(json.loads(out)) == 1
    code, out, err = run(base + ["search", "zs", "--limit", "0"], capsys)
    assert code == 2 and "--limit must be between" in err


# --- sales: detect, export leads, import lead-outcomes ------------------------------------------------

def test_detect_reads_stdin_and_prints_json_findings(capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("客户下个月出国留学，想换美元；我不需要房贷"))
    code, out, err = run(["detect", "--json"], capsys)
    found = json.loads(out)
    assert code == 0 and found
    assert {f["kind"] for f in found} == {"opportunity"}
    assert all(set(f) == {"kind", "rule", "category", "products", "evidence"} for f in found)
    assert all("房贷" not in f["evidence"]["text"] for f in found)  # negated
    text = "客户下个月出国留学，想换美元；我不需要房贷"
    assert all(text[f["evidence"]["start"]:f["evidence"]["end"]] == f["evidence"]["text"] for f in found)
    monkeypatch.setattr("sys.stdin", io.StringIO("对方自称公安，让我把钱转到安全账户，顺便出国旅游"))
    code, out, err = run(["detect", "--json"], capsys)
    kinds = {f["kind"] for f in json.loads(out)}
    assert code == 0 and kinds == {"fraud"}  # a fraud call reports no opportunity


def test_detect_with_a_broken_rules_file_names_file_line_and_rule(tmp_path, capsys, monkeypatch):
    import io

    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "opp.x"\nphrases_zh = ["出国"]\n', encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("出国"))
    code, out, err = run(["detect", "--opportunities", str(bad)], capsys)
    assert code == 2 and "Traceback" not in err and err.count("\n") == 1
    assert str(bad) in err and "line 3" in err and "opp.x" in err


def test_export_leads_then_import_outcomes_round_trip(tmp_path, capsys, monkeypatch):
    import csv

    monkeypatch.setenv("CRM_PASSPHRASE", "cli-sales-pass")
    base = ["--passphrase", "--data-dir", str(tmp_path / "d")]
    assert run(base + ["demo", "--customers", "150", "--interactions", "1500", "--seed", "3"], capsys)[0] == 0
    out_file = tmp_path / "leads.csv"
    code, out, err = run(base + ["export", "leads", "--format", "csv", "--out", str(out_file)], capsys)
    assert code == 0 and out_file.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "leads written to" in out
    skipped = [line for line in err.splitlines() if "skipped" in line]
    assert len(skipped) <= 1 and "skipped lead " not in err  # one summary line, not one per lead
    with out_file.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    assert body and len(set(map(len, rows))) == 1
    # Sales fill in the outcome columns and send the file back, with one mistake.
    state_col = header.index("状态")
    body[0][state_col] = "成交"
    body[-1][state_col] = "不存在的状态"
    back = tmp_path / "back.csv"
    with back.open("w", encoding="gb18030", newline="") as fh:
        csv.writer(fh).writerows([header, *body])
    code, out, err = run(base + ["import", "lead-outcomes", str(back), "--dry-run"], capsys)
    assert code == 1 and f"row {len(body) + 1}:" in out
    code, out, err = run(base + ["import", "lead-outcomes", str(back)], capsys)
    assert code == 1
    code, out, err = run(base + ["export", "leads", "--format", "xlsx", "--out", str(tmp_path / "again.xlsx")], capsys)
    assert code == 2 and err.startswith("crm: error: nothing new to export: ")
    assert not (tmp_path / "again.xlsx").exists()
    assert "leads already handed over are not exported again" in err and "[" not in err and err.count("\n") == 1


def test_detect_checks_product_codes_against_the_catalogue(tmp_path, capsys, monkeypatch):
    import io

    from crm import paths

    text = paths.resource("rules", "opportunities.toml").read_text(encoding="utf-8")
    assert '"FX-CASH"' in text
    bad = tmp_path / "opp.toml"
    bad.write_text(text.replace('"FX-CASH"', '"FX-NOPE"', 1), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("出国"))
    code, out, err = run(["detect", "--opportunities", str(bad)], capsys)
    assert code == 2 and "unknown_product" in err and "FX-NOPE" in err and str(bad) in err
    assert "nothing was changed" not in err  # detect changes nothing: no such claim for rules files
    monkeypatch.setattr("sys.stdin", io.StringIO("出国"))
    assert run(["detect"], capsys)[0] == 0  # the shipped rules name only catalogue products


def test_file_errors_say_nothing_was_changed_only_for_the_catalogue():
    from crm.errors import ValidationError

    rules = cli.describe(ValidationError("bad_rules", file="r.toml", line=3, rule="opp.x", reason="bad_id"))
    assert rules == "r.toml, line 3, rule opp.x: bad_id"
    catalogue = cli.describe(ValidationError("bad_catalogue", file="p.toml", line=2, product="X", reason="syntax"))
    assert catalogue.endswith("; nothing was changed")


def test_nothing_to_export_counts_the_blocked_leads_per_reason():
    from crm.errors import ValidationError

    error = ValidationError("nothing_to_export", field="leads", skipped=200,
                            codes=["channel_refused", "no_marketing_consent"],
                            counts={"no_marketing_consent": 120, "channel_refused": 80})
    assert cli.describe(error) == (
        "nothing new to export: 200 new leads are blocked (no_marketing_consent 120, channel_refused 80); "
        "leads already handed over are not exported again")
    empty = ValidationError("nothing_to_export", field="leads", skipped=0, codes=[], counts={})
    assert cli.describe(empty) == ("nothing new to export: there is no new lead; leads already handed over are "
                                   "not exported again")


def test_export_leads_rechecks_as_the_acting_staff_and_sums_up_the_skipped(tmp_path, capsys, monkeypatch):
    from types import SimpleNamespace

    from crm.exports import leads as lead_export
    from crm.services import leads, staff

    me = object()
    seen = []
    monkeypatch.setattr(staff, "current_staff", lambda: me)
    monkeypatch.setattr(leads, "recheck_leads", lambda actor=None, *a, **kw: seen.append(actor) or 0)
    skipped = [(1, "no_marketing_consent"), (2, "channel_refused"), (3, "no_marketing_consent")]
    monkeypatch.setattr(lead_export, "export_leads", lambda actor, path, **kw: SimpleNamespace(
        row_count=5, path=path, batch_id=7, sha256="ab", skipped=skipped))
    args = cli.build_parser().parse_args(["export", "leads", "--out", str(tmp_path / "x.csv")])
    assert cli._export_leads(args) == 0
    out, err = capsys.readouterr()
    assert seen == [me]
    assert err == "skipped 3 leads still blocked: no_marketing_consent 2, channel_refused 1\n"


def test_a_closed_pipe_ends_quietly(tmp_path):
    """`crm import … | head`: no traceback, no "Exception ignored", the shell's SIGPIPE status."""
    import subprocess
    import sys

    script = ("import sys\nfrom crm import cli\n"
              "def chatty(*a):\n    for _ in range(100000):\n        print('x' * 100)\n    return 0\n"
              "cli._dispatch = chatty\nsys.exit(cli.main(['detect']))\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    code = proc.wait(timeout=60)
    assert code == 141 and err == b"", err
