"""File → Export My Follow-ups to Calendar…: an .ics the agent's calendar can import."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFileDialog

from crm.codes import FollowUpPurpose
from crm.services import followups
from crm.services.base import now_utc
from customer_world import make_world
from ui import app as ui_app
from ui_fakes import OFFSCREEN_NOISE


@OFFSCREEN_NOISE
def test_export_writes_my_followups_masked(qtbot, storage, tmp_path, monkeypatch):
    world = make_world()
    followups.create(world.agent, world.customer_id, now_utc() + dt.timedelta(days=1), FollowUpPurpose.OTHER,
                     owner=world.agent, note="回访")
    monkeypatch.setattr("crm.services.staff.current_staff", lambda *a, **k: world.agent)
    window = ui_app.build_main_window(storage)
    qtbot.addWidget(window)
    target = tmp_path / "mine.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_ics_action.trigger()
    text = target.read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 1 and "BEGIN:VALARM" in text
    assert "欧阳娜娜" not in text and "13811112222" not in text  # customer masked
