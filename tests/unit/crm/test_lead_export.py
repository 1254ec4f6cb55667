"""Lead export for sales from the database: files opened as sales would (csv module, openpyxl), masking,
formula neutralisation in the file, the temporary file on failure, the recorded batch and its checksum, leads
skipped at the re-check, the hand-over's transaction. The cells alone: test_lead_export_cells.py."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from sheet_files import TRIGGERS, read_csv, read_xlsx

from crm.codes import LeadState, StaffRole
from crm.errors import ConflictError, ValidationError
from crm.exports import leads as lead_export
from crm.exports import sheets
from crm.models import AuditLog, Consent, Customer, ExportBatch, Lead, Opportunity, Product, StaffUser
from crm.services import customers
from crm.services.customers import NewCustomer
from crm.workcalendar import default_calendar


# --- a small world ---------------------------------------------------------------------------------

@dataclass
class World:
    agent: StaffUser
    supervisor: StaffUser
    cd: Product  # R1 large CD
    wm: Product  # R3 wealth product, 双录


def make_world() -> World:
    agent = StaffUser.create(username="li.agent", display_name="李客服", role=StaffRole.AGENT)
    sup = StaffUser.create(username="zhao.sup", display_name="赵主管", role=StaffRole.SUPERVISOR)
    cd = Product.create(code="LCD-2026-01", name_zh="大额存单2026年第1期", name_en="Large CD 2026-1",
                        category="large_cd", risk_level=1)
    wm = Product.create(code="WM-R3", name_zh="稳健理财R3", name_en="Balanced wealth R3", category="wealth",
                        risk_level=3, dual_recording=True)
    return World(agent, sup, cd, wm)


def customer(w: World, name: str = "张三丰", phone: str = "13812345678", *, consent: bool | None = True,
             rating: str | None = "C3") -> int:
    cid = customers.create_customer(w.agent, NewCustomer(
        name=name, phones=(phone,), risk_rating=rating,
        risk_assessed_on=dt.date.today() if rating else None)).id
    if consent is not None:
        Consent.create(customer=cid, purpose="marketing", channel="phone", granted=consent, source="call")
    return cid


def lead(w: World, cid: int, product: Product | None = None, *, evidence: str = "想了解大额存单的利率",
         **columns) -> int:
    product = product or w.cd
    opp = Opportunity.create(customer=cid, category=product.category, product=product, evidence_text=evidence)
    return Lead.create(customer=cid, product=product, referred_by=w.agent, opportunity=opp,
                       contact_channel="phone", dual_recording_required=product.dual_recording, **columns).id


@pytest.fixture
def w(storage) -> World:
    return make_world()


def export(w: World, path: Path, **kw) -> lead_export.ExportResult:
    kw.setdefault("fmt", "csv")
    kw.setdefault("profile", "generic")
    return lead_export.export_leads(w.agent, path, recipient=kw.pop("recipient", "零售销售二部"),
                                    purpose=kw.pop("purpose", "线索移交"), **kw)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- the export -----------------------------------------------------------------------------------

def test_generic_csv_as_sales_open_it(w, tmp_path):
    cid = customer(w)
    first = lead(w, cid, evidence="客户说手机13912345678，想买大额存单")
    second = lead(w, customer(w, "欧阳娜娜", "13700001111"), w.wm)
    out = tmp_path / "out" / "leads.csv"
    result = export(w, out)

    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == 3
    rows = read_csv(out)
    assert rows[0] == list(lead_export.PROFILES["generic"].headers)
    by_id = {r[0]: r for r in rows[1:]}
    a, b = by_id[str(first)], by_id[str(second)]
    assert a[2:8] == ["LCD-2026-01", "大额存单2026年第1期", "大额存单", "张三丰", "138****5678", "电话"]
    assert a[8:10] == ["李客服", "否"] and a[1] == dt.datetime.now(default_calendar().tz).date().isoformat()
    assert a[11] == "客户说手机139****5678，想买大额存单"
    assert b[5:7] == ["欧阳娜娜", "137****1111"] and b[9] == "是" and "需双录" in b[10]
    assert "13812345678" not in raw.decode("utf-8-sig") and "13912345678" not in raw.decode("utf-8-sig")

    assert result.row_count == 2 and result.skipped == [] and result.path == out
    assert result.sha256 == hashlib.sha256(raw).hexdigest()
    batch = ExportBatch.get_by_id(result.batch_id)
    assert (batch.file_sha256, batch.row_count, batch.file_name) == (result.sha256, 2, "leads.csv")
    assert (batch.recipient, batch.purpose, batch.profile, batch.file_format) == (
        "零售销售二部", "线索移交", "generic", "csv")
    assert batch.created_by_id == w.agent.id
    for lead_id in (first, second):
        row = Lead.get_by_id(lead_id)
        assert (row.state, row.batch_id, row.version) == (LeadState.HANDED_OVER, batch.id, 2)
    entry = AuditLog.get((AuditLog.entity == "export_batch") & (AuditLog.entity_id == str(batch.id)))
    assert entry.action == "export" and entry.detail["count"] == 2
    assert entry.detail["sha256"].replace(":", "") == result.sha256
    assert leftovers(out.parent) == []


def test_sales_get_the_sentence_the_need_was_heard_in_masked_not_just_the_phrase(w, tmp_path):
    """The column 'what the customer said': the sentence of the call's notes around the detected phrase,
    identifiers masked and authentication data blanked, as for the phrase alone."""
    from crm.models import Interaction

    cid = customer(w)
    notes = "客户来电咨询转账限额。客户手机13912345678，说孩子明年出国留学，想换美元！另外问了信用卡账单。"
    call = Interaction.create(customer=cid, staff=w.agent, channel="inbound_call", direction="in",
                              category="consultation", notes=notes)
    start = notes.index("出国")
    opp = Opportunity.create(customer=cid, interaction=call, category="large_cd", product=w.cd,
                             evidence_text="出国", evidence_start=start, evidence_end=start + 2)
    said = Lead.create(customer=cid, product=w.cd, referred_by=w.agent, opportunity=opp,
                       contact_channel="phone").id
    changed = lead(w, customer(w, "欧阳娜娜", "13700001111"), evidence="换汇")  # no call behind it: the phrase
    out = tmp_path / "said.csv"
    export(w, out)
    by_id = {r[0]: r for r in read_csv(out)[1:]}
    assert by_id[str(said)][11] == "客户手机139****5678，说孩子明年出国留学，想换美元！"
    assert by_id[str(changed)][11] == "换汇"


def test_no_bom_option(w, tmp_path):
    lead(w, customer(w))
    export(w, tmp_path / "x.csv", bom=False)
    raw = (tmp_path / "x.csv").read_bytes()
    assert raw.startswith("线索编号".encode()) and raw.endswith(b"\r\n")


def test_xlsx_as_sales_open_it(w, tmp_path):
    lead_id = lead(w, customer(w, "司马相如", "13600002222"), w.wm, evidence="=HYPERLINK(\"http://x\",\"点我\")")
    out = tmp_path / "leads.xlsx"
    result = export(w, out, fmt="xlsx", profile="salesforce")
    rows, types = read_xlsx(out)
    assert types == {"s"}
    assert rows[0][:7] == ["CRM_Lead_ID__c", "FirstName", "LastName", "Company", "MobilePhone", "LeadSource",
                           "Status"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["CRM_Lead_ID__c"] == str(lead_id)  # a string cell, not a number
    assert (row["FirstName"], row["LastName"], row["Company"]) == ("相如", "司马", "司马相如")
    assert row["MobilePhone"] == "136****2222" and row["Dual_Recording_Required__c"] == "true"
    assert row["Product_Category__c"] == "Wealth management" and row["Preferred_Channel__c"] == "Phone"
    assert "Customer said: =HYPERLINK" in row["Description"]  # inside the text, not at the start
    assert result.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert ExportBatch.get_by_id(result.batch_id).file_format == "xlsx"


def test_hubspot_columns(w, tmp_path):
    lead(w, customer(w, "王五", "13500003333"))
    export(w, tmp_path / "h.csv", profile="hubspot")
    header, row = read_csv(tmp_path / "h.csv")
    got = dict(zip(header, row, strict=True))
    assert (got["First Name"], got["Last Name"], got["Mobile Phone Number"]) == ("五", "王", "135****3333")
    assert (got["Lead Status"], got["Lifecycle Stage"]) == ("NEW", "lead")


def test_an_override_travels_with_the_lead_masked(w, tmp_path):
    """Sales must see that a supervisor let the lead through, which blocks and why; no identifier leaves."""
    plain = lead(w, customer(w))
    stale = customer(w, "钱七", "13700000004")
    Customer.update(risk_expires_on=dt.date.today() - dt.timedelta(days=1)).where(Customer.id == stale).execute()
    overridden = lead(w, stale, w.wm, block_reason="risk_assessment_expired", override_by=w.supervisor,
                      override_reason="客户坚持，手机13912345678已回访，验证码 123456",
                      override_codes="risk_assessment_expired")
    export(w, tmp_path / "g.csv")
    rows = {r[0]: r for r in read_csv(tmp_path / "g.csv")[1:]}
    flags = rows[str(overridden)][10]
    assert "主管放行：风险测评已过期（客户坚持，手机139****5678已回访" in flags
    assert "13912345678" not in flags and "123456" not in flags
    assert "主管放行" not in rows[str(plain)][10]
    for profile, column in (("salesforce", "Description"), ("hubspot", "Lead Flags")):
        Lead.update(state=LeadState.NEW, batch=None).where(Lead.id.in_([plain, overridden])).execute()
        export(w, tmp_path / f"{profile}.csv", profile=profile)
        header, *body = read_csv(tmp_path / f"{profile}.csv")
        by_id = {r[0]: dict(zip(header, r, strict=True)) for r in body}
        text = by_id[str(overridden)][column]
        assert "Supervisor override: Risk assessment expired (客户坚持，手机139****5678已回访" in text
        assert "13912345678" not in text and "123456" not in text
        assert "Supervisor override" not in by_id[str(plain)][column]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_like_text_is_neutralised_in_the_file(w, tmp_path, fmt):
    cases = ["=1+1", "+8613812345678", "-5", "@SUM(A1)", "\tcmd", "\r=2"]
    ids = [lead(w, customer(w, f"客户{i}", f"1380000{i:04d}"), evidence=text) for i, text in enumerate(cases)]
    out = tmp_path / f"n.{fmt}"
    export(w, out, fmt=fmt)
    rows = read_csv(out) if fmt == "csv" else read_xlsx(out)[0]
    notes = {r[0]: r[11] for r in rows[1:]}
    assert [notes[str(i)] for i in ids] == ["'=1+1", "'+86138****5678", "'-5", "'@SUM(A1)", "'\tcmd", "'\r=2"]
    assert not [c for r in rows for c in r if c.startswith(TRIGGERS)]


def test_authentication_data_never_leaves(w, tmp_path):
    lead(w, customer(w), evidence="客户念了验证码 123456，想买存单")
    export(w, tmp_path / "c.csv")
    note = read_csv(tmp_path / "c.csv")[1][11]
    assert "123456" not in note and "***" in note


def test_leads_no_longer_exportable_are_skipped_with_their_code(w, tmp_path):
    ok = lead(w, customer(w))
    no_consent = lead(w, customer(w, "李四", "13700000001", consent=None))
    cid = customer(w, "王五", "13700000002")
    withdrawn = lead(w, cid)
    Consent.create(customer=cid, purpose="marketing", channel="phone", granted=False, source="call")  # later
    blocked = lead(w, customer(w, "赵六", "13700000003"), block_reason="open_complaint")
    stale = customer(w, "钱七", "13700000004")
    Customer.update(risk_expires_on=dt.date.today() - dt.timedelta(days=1)).where(Customer.id == stale).execute()
    overridden = lead(w, stale, w.wm, block_reason="risk_assessment_expired",
                      override_reason="客户坚持，已重新评估", override_by=w.supervisor,
                      override_codes="risk_assessment_expired")
    # Cn up to Rn only: an override stored for it (an old one, or forged) lets nothing through
    over_rated = lead(w, customer(w, "周九", "13700000006", rating="C1"), w.wm, block_reason="risk_level_exceeded",
                      override_reason="客户坚持", override_by=w.supervisor, override_codes="risk_level_exceeded")
    handed = lead(w, customer(w, "孙八", "13700000005"), state=LeadState.HANDED_OVER)

    result = export(w, tmp_path / "s.csv")
    assert sorted(result.skipped) == sorted([(no_consent, "no_marketing_consent"), (withdrawn, "channel_refused"),
                                             (blocked, "open_complaint"), (over_rated, "risk_level_exceeded")])
    exported = {int(r[0]) for r in read_csv(tmp_path / "s.csv")[1:]}
    assert exported == {ok, overridden} and result.row_count == 2
    assert Lead.get_by_id(no_consent).state == LeadState.NEW and Lead.get_by_id(blocked).batch_id is None
    assert Lead.get_by_id(handed).batch_id is None

    with pytest.raises(ValidationError) as err:
        export(w, tmp_path / "t.csv", lead_ids=[ok, handed, no_consent, 999999])
    assert err.value.code == "nothing_to_export" and err.value.details["skipped"] == 4
    assert set(err.value.details["codes"]) == {"not_new", "no_marketing_consent", "not_found"}
    assert not (tmp_path / "t.csv").exists() and leftovers(tmp_path) == []


def test_explicit_ids_export_only_those(w, tmp_path):
    a, b = lead(w, customer(w)), lead(w, customer(w, "李四", "13700000001"))
    result = export(w, tmp_path / "one.csv", lead_ids=[b])
    assert result.row_count == 1 and Lead.get_by_id(a).state == LeadState.NEW
    assert Lead.get_by_id(b).state == LeadState.HANDED_OVER


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_failure_midway_leaves_no_file_and_no_change(w, tmp_path, monkeypatch, fmt):
    ids = [lead(w, customer(w, f"客户{i}", f"1380000{i:04d}")) for i in range(5)]
    monkeypatch.setattr(lead_export, "CHUNK", 2)  # several chunks: the failure comes after rows were written
    real, calls = lead_export._Rows.read, []

    def failing(self, chunk, rows):
        calls.append(chunk)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(self, chunk, rows)

    monkeypatch.setattr(lead_export._Rows, "read", failing)
    out = tmp_path / f"leads.{fmt}"
    out.write_bytes(b"previous file")  # an older export with the same name survives untouched
    with pytest.raises(OSError, match="disk full"):
        export(w, out, fmt=fmt)
    assert out.read_bytes() == b"previous file" and leftovers(tmp_path) == []
    assert {Lead.get_by_id(i).state for i in ids} == {LeadState.NEW}
    assert ExportBatch.select().count() == 0
    assert AuditLog.select().where(AuditLog.entity == "export_batch").count() == 0


def test_a_lead_taken_meanwhile_aborts_the_batch(w, tmp_path, monkeypatch):
    a, b = lead(w, customer(w)), lead(w, customer(w, "李四", "13700000001"))
    real = lead_export._Rows.read

    def racing(self, chunk, rows):
        out = real(self, chunk, rows)
        Lead.update(state=LeadState.INVALID).where(Lead.id == b).execute()  # someone marks it invalid
        return out

    monkeypatch.setattr(lead_export._Rows, "read", racing)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ConflictError) as err:
        export(w, out / "r.csv")
    assert err.value.code == "leads_changed"
    assert Lead.get_by_id(a).state == LeadState.NEW and ExportBatch.select().count() == 0
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(("kw", "field"), [
    ({"fmt": "pdf"}, "format"), ({"profile": "sap"}, "profile"), ({"recipient": "  "}, "recipient"),
    ({"purpose": ""}, "purpose"),
])
def test_bad_arguments(w, tmp_path, kw, field):
    lead(w, customer(w))
    with pytest.raises(ValidationError) as err:
        export(w, tmp_path / "out" / "x.csv", **kw)
    assert err.value.details["field"] == field
    assert not (tmp_path / "out").exists()


def test_streams_in_chunks(w, tmp_path, monkeypatch):
    ids = [lead(w, customer(w, f"客户{i}", f"1380000{i:04d}")) for i in range(7)]
    monkeypatch.setattr(lead_export, "CHUNK", 3)
    seen = []
    real = lead_export._Rows.read
    monkeypatch.setattr(lead_export._Rows, "read", lambda self, chunk, rows: seen.append(len(chunk)) or real(self, chunk, rows))
    result = export(w, tmp_path / "c.csv")
    assert seen == [3, 3, 1] and result.row_count == 7
    assert [int(r[0]) for r in read_csv(tmp_path / "c.csv")[1:]] == sorted(ids)


# --- the export's re-check, lead_checks_many, is suitability.lead_checks ------------------------------

def test_lead_checks_many_equals_lead_checks_for_every_code(w):
    """The export re-checks a thousand leads at a time with suitability.lead_checks_many; each lead must get
    exactly what suitability.lead_checks says (codes, order, overridability, details), or the two have drifted
    apart."""
    from crm.models import Customer, Escalation, Interaction
    from crm.services import cases, suitability

    today = dt.date.today()
    r4 = Product.create(code="FUND-R4", name_zh="股票基金", category="fund", risk_level=4)
    gone = Product.create(code="OLD-1", name_zh="停售产品", category="deposit", risk_level=1, active=False)

    def interaction(cid, *, flagged=False):
        return Interaction.create(customer=cid, staff=w.agent, channel="inbound_call", direction="in",
                                  category="consultation", notes="…", fraud_flag=flagged).id

    ids = [lead(w, customer(w))]  # nothing in the way
    ids.append(lead(w, customer(w, "李四", "13700000001", consent=None), w.wm))  # no consent, 双录
    cid = customer(w, "王五", "13700000002")
    Consent.create(customer=cid, purpose="marketing", channel="phone", granted=False, source="call")
    ids.append(lead(w, cid))  # refused later
    cid = customer(w, "赵六", "13700000003", consent=False)
    Consent.create(customer=cid, purpose="marketing", channel="phone", granted=True, source="app")
    ids.append(lead(w, cid, w.wm))  # refused, then agreed
    cid = customer(w, "钱七", "13700000004")
    Customer.update(do_not_disturb=True).where(Customer.id == cid).execute()
    ids.append(lead(w, cid))
    cid = customer(w, "孙八", "13700000005", rating=None)
    ids.append(lead(w, cid, w.wm))  # rating missing
    ids.append(lead(w, cid))  # R1: no rating needed
    cid = customer(w, "周九", "13700000006", rating="C1")
    Customer.update(risk_expires_on=today - dt.timedelta(days=1), birth_date=dt.date(1950, 5, 1)).where(
        Customer.id == cid).execute()
    ids += [lead(w, cid, w.wm), lead(w, cid, r4)]  # expired and exceeded; elderly, high risk
    cid = customer(w, "吴十", "13700000007")
    Customer.update(elderly_override=True).where(Customer.id == cid).execute()
    ids.append(lead(w, cid, gone))
    cid = customer(w, "郑十一", "13700000008", rating="C5")
    Customer.update(birth_date=dt.date(1940, 1, 1), elderly_override=False).where(Customer.id == cid).execute()
    ids.append(lead(w, cid, r4))
    cid = customer(w, "冯十二", "13700000009")
    cases.open_case(w.agent, cid, "fees", "年费未减免")
    cases.open_case(w.agent, cid, "service", "网点态度")
    ids.append(lead(w, cid))
    cid = customer(w, "陈十三", "13700000010")
    for flagged in (True, False):
        opp = Opportunity.create(customer=cid, category="large_cd", product=w.cd, interaction=interaction(
            cid, flagged=flagged))
        if not flagged:
            Escalation.create(interaction=opp.interaction_id, customer=cid, kind="fraud", created_by=w.agent)
        ids.append(Lead.create(customer=cid, product=w.cd, referred_by=w.agent, opportunity=opp,
                               contact_channel="phone").id)
    # the customer's fraud escalation blocks the leads that did not come from it too, within the window
    ids.append(lead(w, cid, w.wm))
    at = dt.datetime.combine(today, dt.time(9), tzinfo=dt.UTC)
    for name, phone, days_ago in (("褚十四", "13700000011", 29), ("卫十五", "13700000012", 31)):
        cid = customer(w, name, phone)
        Escalation.create(customer=cid, kind="fraud", created_by=w.agent, ts=at - dt.timedelta(days=days_ago))
        Escalation.create(customer=cid, kind="complaint_escalation", created_by=w.agent, ts=at)
        ids.append(lead(w, cid))  # blocked (raised by hand 29 days ago), then free (31 days ago)
    Lead.update(contact_channel="sms").where(Lead.id == ids[0]).execute()  # no consent on sms

    many = suitability.lead_checks_many(ids, today=today)
    assert list(many) == ids
    seen = set()
    for lead_id in ids:
        got = many[lead_id]
        assert got == suitability.lead_checks(lead_id, today=today), lead_id
        assert [list(c.details) for c in got] == [list(c.details) for c in suitability.lead_checks(
            lead_id, today=today)], lead_id  # details in the same order too
        seen |= {c.code for c in got}
    assert seen == set(suitability.CheckCode)  # every check was exercised
    fraud = [[c.details for c in many[i] if c.code == "fraud_flagged"] for i in ids[-5:]]
    assert [list(d[0]) if d else [] for d in fraud] == [
        ["interaction_id"], ["interaction_id"], ["customer_id", "days"], ["customer_id", "days"], []]
    # the export reads the facts in its own chunk query (with the row's columns after them): the same checks
    from crm.workcalendar import default_calendar

    reader = lead_export._Rows(default_calendar().tz, lead_export._mask_policy(), today)
    chunk = reader._leads.rows(ids)
    reader.facts.prepare(chunk)
    assert {row[0]: reader.facts.checks(row) for row in chunk} == many
    # Lead rows alike, and as they are in memory when that differs from what is stored
    rows = list(Lead.select().where(Lead.id.in_(ids)).order_by(Lead.id))
    rows[1].contact_channel = "sms"
    from_rows = suitability.lead_checks_many(rows, today=today)
    assert from_rows == {r.id: suitability.lead_checks(r, today=today) for r in rows}


def test_a_target_open_in_excel_is_reported_and_nothing_changes(w, tmp_path, monkeypatch):
    lead_id = lead(w, customer(w))

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file because it is being used")

    monkeypatch.setattr(sheets.os, "replace", locked)
    with pytest.raises(ValidationError) as err:
        export(w, tmp_path / "open.csv")
    assert (err.value.code, err.value.details["file"]) == ("file_in_use", "open.csv")
    assert Lead.get_by_id(lead_id).state == LeadState.NEW and ExportBatch.select().count() == 0
    assert leftovers(tmp_path) == [] and not (tmp_path / "open.csv").exists()


def test_the_hand_over_writes_on_its_own_connection_and_commits_once(w, tmp_path, monkeypatch):
    """Leads move on the hand-over's writer while the file is written: nothing is visible to the export's own
    connection until the commit, then everything at once (batch, leads, audit)."""
    monkeypatch.setattr(lead_export, "CHUNK", 2)
    ids = [lead(w, customer(w, f"客户{i}", f"1370000{i:04d}")) for i in range(5)]
    seen_during: list[int] = []
    real = lead_export._Rows.read

    def watching(self, chunk, rows):
        seen_during.append(Lead.select().where(Lead.state == LeadState.HANDED_OVER).count())
        return real(self, chunk, rows)

    monkeypatch.setattr(lead_export._Rows, "read", watching)
    result = export(w, tmp_path / "c.csv")
    assert seen_during == [0, 0, 0] and result.row_count == 5
    assert {Lead.get_by_id(i).state for i in ids} == {LeadState.HANDED_OVER}
    assert {Lead.get_by_id(i).batch_id for i in ids} == {result.batch_id}
    assert ExportBatch.get_by_id(result.batch_id).row_count == 5


def test_an_export_inside_the_callers_transaction_stays_in_it(w, tmp_path):
    """A caller already in a transaction (the demo) sees the hand-over on its own connection, and its
    rollback undoes the batch with the rest; a writer of our own would wait for the caller's lock."""
    db = Lead._meta.database
    with db.atomic() as txn:
        lead_id = lead(w, customer(w))  # not committed: only this connection sees it
        result = export(w, tmp_path / "t.csv")
        assert result.row_count == 1 and Lead.get_by_id(lead_id).state == LeadState.HANDED_OVER
        txn.rollback()
    assert ExportBatch.select().count() == 0 and Lead.select().count() == 0


def test_a_filter_selects_among_the_new_leads(w, tmp_path):
    from crm.services.leads import LeadFilter

    cd_lead, wm_lead = lead(w, customer(w)), lead(w, customer(w, "李四", "13700000001"), w.wm)
    lead(w, customer(w, "王五", "13700000002"), w.wm, state=LeadState.HANDED_OVER)  # not new: not selected
    result = export(w, tmp_path / "wm.csv", f=LeadFilter(product_ids=(w.wm.id,), states=("handed_over",)))
    assert [int(r[0]) for r in read_csv(tmp_path / "wm.csv")[1:]] == [wm_lead] and result.skipped == []
    assert Lead.get_by_id(cd_lead).state == LeadState.NEW


def test_a_folder_that_cannot_be_written_is_reported(w, tmp_path):
    lead_id = lead(w, customer(w))
    (tmp_path / "not-a-folder").write_text("x")
    with pytest.raises(ValidationError) as err:
        export(w, tmp_path / "not-a-folder" / "leads.csv")
    assert err.value.code == "not_writable" and Lead.get_by_id(lead_id).state == LeadState.NEW
