"""Lead outcomes reported back by sales: CSV in three encodings and XLSX, English or Chinese headers and states,
a verdict per row with the row number Excel shows, one transaction for the valid rows, dry runs, re-imports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter

from crm.codes import LeadState, StaffRole
from crm.errors import ValidationError
from crm.exports import leads as lead_export
from crm.imports import lead_outcomes
from crm.imports.lead_outcomes import format_import_report, import_outcomes
from crm.models import AuditLog, Consent, Lead, Product, StaffUser
from crm.services import customers
from crm.services.customers import NewCustomer


class World:
    def __init__(self) -> None:
        self.agent = StaffUser.create(username="li.agent", display_name="李客服", role=StaffRole.AGENT)
        self.product = Product.create(code="LCD-2026-01", name_zh="大额存单2026年第1期", name_en="Large CD",
                                      category="large_cd", risk_level=1)
        self._n = 0

    def lead(self, state: LeadState = LeadState.HANDED_OVER, **columns) -> int:
        self._n += 1
        cid = customers.create_customer(self.agent, NewCustomer(
            name=f"客户{self._n}", phones=(f"1380000{self._n:04d}",), risk_rating="C3",
            risk_assessed_on=dt.date.today())).id
        Consent.create(customer=cid, purpose="marketing", channel="phone", granted=True, source="call")
        return Lead.create(customer=cid, product=self.product, referred_by=self.agent, contact_channel="phone",
                           state=state, **columns).id


@pytest.fixture
def w(storage) -> World:
    return World()


def state_of(lead_id: int) -> str:
    return str(Lead.get_by_id(lead_id).state)


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    text = "\r\n".join(",".join(cells) for cells in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            if isinstance(value, (int, float)):
                sheet.write_number(r, c, value)  # a lead id typed into Excel is a number
            elif value is not None:
                sheet.write_string(r, c, value)
    book.close()
    return path


def verdicts(report) -> dict[int, str]:
    out = {r.row: r.code for r in report.rejected}
    out |= {r.row: r.code for r in report.applied}
    out |= {r.row: r.code for r in report.unchanged}
    return out


# --- encodings and formats -------------------------------------------------------------------------

@pytest.mark.parametrize(("encoding", "expected"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030")])
def test_csv_in_each_encoding_with_chinese_headers_and_states(w, tmp_path, encoding, expected):
    won, lost = w.lead(), w.lead()
    path = write_csv(tmp_path / "outcomes.csv", [
        ["线索编号", "状态", "销售负责人", "备注", "外部编号"],
        [str(won), "成交", "周经理", "已购买50万元大额存单", "SF-0001"],
        [str(lost), "未成交", "周经理", "客户暂不考虑", ""],
    ], encoding)
    report = import_outcomes(w.agent, path)
    assert report.encoding == expected and report.rejected == [] and len(report.applied) == 2
    row = Lead.get_by_id(won)
    assert (row.state, row.sales_owner, row.outcome_note, row.external_ref) == (
        "won", "周经理", "已购买50万元大额存单", "SF-0001")
    assert state_of(lost) == "lost" and Lead.get_by_id(lost).external_ref is None


def test_xlsx_with_english_headers_in_any_case(w, tmp_path):
    a, b = w.lead(), w.lead(LeadState.ACCEPTED)
    path = write_xlsx(tmp_path / "back.xlsx", [
        ["Lead_ID", "STATE", "Sales Owner", "Note", "External_Ref"],
        [a, "Contacted", "Zhou", "called once", None],
        [float(b), "won", None, None, "HS-77"],
    ])
    report = import_outcomes(w.agent, path)
    assert report.encoding == "xlsx" and report.rejected == []
    assert [r.row for r in report.applied] == [2, 3]
    assert state_of(a) == "contacted" and Lead.get_by_id(a).sales_owner == "Zhou"
    assert state_of(b) == "won" and Lead.get_by_id(b).external_ref == "HS-77"


def test_our_generic_export_filled_in_comes_back(w, tmp_path):
    one, two = w.lead(LeadState.NEW), w.lead(LeadState.NEW)
    out = tmp_path / "leads.xlsx"
    lead_export.export_leads(w.agent, out, fmt="xlsx", profile="generic", recipient="销售", purpose="移交")
    import openpyxl

    book = openpyxl.load_workbook(out)  # sales fill in the state column and save
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        lead_id = int(row[0].value)
        row[headers.index("状态")].value = "已接收" if lead_id == one else None
        row[headers.index("备注")].value = "明天回访" if lead_id == one else None
    book.save(out)
    report = import_outcomes(w.agent, out)
    assert [r.lead_id for r in report.applied] == [one]
    assert [(r.lead_id, r.code) for r in report.unchanged] == [(two, "no_outcome")]
    assert state_of(one) == "accepted" and state_of(two) == "handed_over"


# --- verdicts --------------------------------------------------------------------------------------

def test_every_rejection_reason_with_the_row_excel_shows(w, tmp_path):
    ok, done, dup, won = w.lead(), w.lead(LeadState.WON), w.lead(), w.lead(LeadState.WON)
    assert w.lead(LeadState.WON) == won + 1
    path = write_csv(tmp_path / "mixed.csv", [
        ["lead_id", "state", "note"],        # row 1
        [str(ok), "won", ""],                # 2 applied
        ["999999", "won", ""],               # 3 unknown lead
        [str(ok + 1000), "foo", ""],         # 4 bad state (checked before the lead exists)
        [str(done), "lost", ""],             # 5 won -> lost not allowed
        ["", "won", "no id"],                # 6 missing lead id
        [str(dup), "won", ""],               # 7 duplicate
        ["", "", ""],                        # 8 empty row, reported: a row follows
        [str(dup), "lost", ""],              # 9 duplicate
        ["abc", "won", ""],                  # 10 not a number
        [str(won + 1), "won", ""],           # 11 already won: unchanged
        [str(won), "", "密码 123456"],        # 12 authentication data (its own problem, not the duplicate)
        ["", "", ""],                        # 13 trailing empty rows: Excel's, not reported
    ])
    report = import_outcomes(w.agent, path)
    assert verdicts(report) == {
        2: "applied", 3: "unknown_lead", 4: "bad_state", 5: "transition_not_allowed", 6: "missing_lead_id",
        7: "duplicate_lead_id", 8: "empty_row", 9: "duplicate_lead_id", 10: "bad_lead_id", 11: "unchanged",
        12: "auth_data"}
    assert state_of(ok) == "won" and state_of(dup) == "handed_over" and state_of(done) == "won"
    text = format_import_report(report).splitlines()
    assert text[0] == "mixed.csv (utf-8): 1 applied, 1 unchanged, 9 rejected"
    assert f"row 4: lead {ok + 1000}: unknown state 'foo'" in text
    assert f"row 5: lead {done}: cannot go from won to lost" in text
    assert "row 6: missing lead id" in text and "row 8: empty row skipped" in text
    assert f"row 9: lead {dup}: appears more than once in the file (rows 7, 9); none of them applied" in text
    assert "row 3: lead 999999: no such lead" in text and "row 10: lead id 'abc' is not a number" in text
    assert len(text) == 1 + 9
    entry = AuditLog.get((AuditLog.action == "import") & (AuditLog.entity == "lead_outcomes"))
    assert (entry.detail["applied"], entry.detail["rejected"], entry.detail["file"]) == (1, 9, "mixed.csv")


def test_reimporting_the_same_file_reports_unchanged(w, tmp_path):
    a, b = w.lead(), w.lead()
    path = write_csv(tmp_path / "o.csv", [["lead_id", "state", "sales_owner"], [str(a), "won", "周经理"],
                                          [str(b), "contacted", ""]])
    first = import_outcomes(w.agent, path)
    assert len(first.applied) == 2
    version = Lead.get_by_id(a).version
    again = import_outcomes(w.agent, path)
    assert again.applied == [] and again.rejected == []
    assert [(r.row, r.code) for r in again.unchanged] == [(2, "unchanged"), (3, "unchanged")]
    assert Lead.get_by_id(a).version == version


def test_a_note_alone_updates_without_a_transition(w, tmp_path):
    a = w.lead(LeadState.CONTACTED)
    report = import_outcomes(w.agent, write_csv(tmp_path / "n.csv", [["线索编号", "备注"], [str(a), "下周再联系"]]))
    assert [r.code for r in report.applied] == ["applied"]
    assert (state_of(a), Lead.get_by_id(a).outcome_note) == ("contacted", "下周再联系")


def test_dry_run_writes_nothing(w, tmp_path):
    a = w.lead()
    before = AuditLog.select().count()
    report = import_outcomes(w.agent, write_csv(tmp_path / "d.csv", [["lead_id", "state"], [str(a), "won"],
                                                                       ["42424242", "won"]]), dry_run=True)
    assert [r.lead_id for r in report.applied] == [a] and [r.code for r in report.rejected] == ["unknown_lead"]
    assert state_of(a) == "handed_over" and AuditLog.select().count() == before
    assert "would be applied" in format_import_report(report) and "dry run" in format_import_report(report)


def test_all_or_nothing_when_applying_fails(w, tmp_path, monkeypatch):
    from crm.services import leads

    a, b, c = w.lead(), w.lead(), w.lead()
    real, calls = leads.set_state, []

    def flaky(*args, **kw):
        calls.append(args[1])
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real(*args, **kw)

    monkeypatch.setattr(leads, "set_state", flaky)
    path = write_csv(tmp_path / "f.csv", [["lead_id", "state"], [str(a), "won"], [str(b), "won"], [str(c), "won"]])
    with pytest.raises(RuntimeError):
        import_outcomes(w.agent, path)
    assert [state_of(i) for i in (a, b, c)] == ["handed_over"] * 3
    assert AuditLog.select().where(AuditLog.action == "import").count() == 0


# --- files that cannot be used -----------------------------------------------------------------------

def test_missing_lead_id_column(w, tmp_path):
    with pytest.raises(ValidationError) as err:
        import_outcomes(w.agent, write_csv(tmp_path / "x.csv", [["客户姓名", "状态"], ["张三", "成交"]]))
    assert (err.value.code, err.value.details["column"], err.value.details["file"]) == (
        "missing_column", "lead_id", "x.csv")


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("bad.csv", b"lead_id,state\r\n1,\xff\xfe\xfd\xff\r\n", "encoding"),
    ("bad.xlsx", b"PK\x03\x04 not really a zip", "xlsx"),
    ("utf16.csv", "lead_id\tstate\r\n".encode("utf-16"), "utf16"),
])
def test_unreadable_files(w, tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ValidationError) as err:
        import_outcomes(w.agent, tmp_path / name)
    assert (err.value.code, err.value.details["reason"], err.value.details["file"]) == (
        "unreadable_file", reason, name)


def test_missing_file(w, tmp_path):
    with pytest.raises(ValidationError) as err:
        import_outcomes(w.agent, tmp_path / "nope.csv")
    assert err.value.details["reason"] == "not_found"


def test_semicolon_csv_and_state_codes_in_any_case():
    rows = list(lead_outcomes._csv_rows("lead_id;state\r\n7;WON\r\n"))
    assert rows == [(1, ["lead_id", "state"]), (2, ["7", "WON"])]
    assert lead_outcomes._state("WON") == "won" and lead_outcomes._state(" 已联系 ") == "contacted"
    assert lead_outcomes._state("handed_over") is None and lead_outcomes._state("new") is None
