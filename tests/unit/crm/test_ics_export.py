"""The iCalendar export on both backends: one event per open follow-up, alarms, stable UIDs with SEQUENCE,
the time zone, masking, atomic replacement; and the `crm export followups` command."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from loop_world import SH, at, make_world

from crm import cli, db
from crm.codes import FollowUpPurpose
from crm.errors import NotFound
from crm.exports import ics
from crm.models import AuditLog
from crm.services import followups
from crm.services.base import now_utc

icalendar = pytest.importorskip("icalendar")
ID_NUMBER = "11010519491231002X"


@pytest.fixture
def w(storage):
    return make_world()


def events(path):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return cal, {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_export_writes_one_masked_event_per_open_follow_up(w, tmp_path):
    soon = now_utc() + dt.timedelta(days=1)
    a = followups.create(w.agent, w.customer_id, soon, FollowUpPurpose.SATISFACTION_VISIT, owner=w.agent,
                         note=f"客户身份证 {ID_NUMBER} 已核验")
    b = followups.create(w.agent, w.customer_id, soon + dt.timedelta(hours=2), FollowUpPurpose.PERIODIC_CARE,
                         owner=w.agent)
    followups.create(w.agent, w.customer_id, soon, FollowUpPurpose.OTHER, owner=w.agent2)
    done = followups.create(w.agent, w.customer_id, soon, FollowUpPurpose.OTHER, owner=w.agent)
    followups.record_attempt(w.agent, done, "reached")
    out = tmp_path / "cal" / "agent.ics"
    result = ics.export_followups(out, owner="li.agent", actor=w.agent)
    assert (result.events, result.cancelled) == (2, 1)
    cal, found = events(out)
    assert set(found) == {f"followup-{a}@bank-crm", f"followup-{b}@bank-crm", f"followup-{done}@bank-crm"}
    first = found[f"followup-{a}@bank-crm"]
    assert first["status"] == "CONFIRMED" and int(first["sequence"]) == 1
    assert first.decoded("dtstart") == soon.astimezone(SH).replace(microsecond=0)
    assert first["dtstart"].params["TZID"] == "Asia/Shanghai"
    assert first.decoded("dtend") - first.decoded("dtstart") == dt.timedelta(minutes=15)
    (alarm,) = first.walk("VALARM")
    assert alarm["action"] == "DISPLAY" and alarm.decoded("trigger") == dt.timedelta(minutes=-15)
    assert found[f"followup-{done}@bank-crm"]["status"] == "CANCELLED"
    assert [str(t["tzid"]) for t in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    text = out.read_text(encoding="utf-8")
    assert "张**" in text and "138****5678" in text
    assert "张三丰" not in text and "13812345678" not in text and ID_NUMBER not in text
    assert str(first["summary"]).startswith("满意度回访")
    assert AuditLog.select().where((AuditLog.action == "export") & (AuditLog.entity == "followup")).count() == 1


def test_re_export_updates_instead_of_duplicating(w, tmp_path):
    fid = followups.create(w.agent, w.customer_id, now_utc() + dt.timedelta(hours=3), FollowUpPurpose.OTHER,
                           owner=w.agent)
    out = tmp_path / "out" / "f.ics"
    ics.export_followups(out)
    followups.record_attempt(w.agent, fid, "busy")  # moved to the next working day: version 2
    ics.export_followups(out)
    _, found = events(out)
    event = found[f"followup-{fid}@bank-crm"]
    assert len(found) == 1 and int(event["sequence"]) == 2
    assert event.decoded("dtstart") == followups.get(fid).due_at.astimezone(SH)
    assert sorted(os.listdir(out.parent)) == ["f.ics"]  # no temporary files left


def test_a_failed_write_keeps_the_previous_file(w, tmp_path, monkeypatch):
    followups.create(w.agent, w.customer_id, now_utc() + dt.timedelta(hours=3), FollowUpPurpose.OTHER, owner=w.agent)
    out = tmp_path / "out" / "f.ics"
    ics.export_followups(out)
    before = out.read_bytes()

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(ics.os, "replace", broken)
    with pytest.raises(OSError):
        ics.export_followups(out, language="en")
    assert out.read_bytes() == before and sorted(os.listdir(out.parent)) == ["f.ics"]


def test_unknown_owner(w, tmp_path):
    with pytest.raises(NotFound):
        ics.export_followups(tmp_path / "x.ics", owner="nobody")


def test_mask_name():
    assert ics.mask_name("张三丰") == "张**" and ics.mask_name("李四") == "李*" and ics.mask_name("王") == "王*"
    assert ics.mask_name("John Smith") == "J*** S****"


def test_cli_export_followups(tmp_path, capsys):
    base = ["--data-dir", str(tmp_path / "d")]
    assert cli.main(base + ["init"]) == 0
    storage = db.open_local(tmp_path / "d")
    w = make_world()
    followups.create(w.agent, w.customer_id, at(2027, 1, 4, 10), FollowUpPurpose.OTHER, owner=w.agent)
    followups.create(w.agent, w.customer_id, at(2027, 1, 4, 11), FollowUpPurpose.OTHER, owner=w.agent2)
    storage.close()
    capsys.readouterr()
    out = tmp_path / "mine.ics"
    code = cli.main(base + ["export", "followups", "--format", "ics", "--out", str(out), "--owner", "li.agent"])
    printed, err = capsys.readouterr()
    assert code == 0, err
    assert "1 follow-ups written" in printed and len(events(out)[1]) == 1
    code = cli.main(base + ["export", "followups", "--out", str(out), "--owner", "nobody"])
    assert code == 2 and "Traceback" not in capsys.readouterr().err
