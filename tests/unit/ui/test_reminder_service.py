"""ReminderService: a due follow-up is announced once; snoozing quiets it."""

from __future__ import annotations

import datetime as dt

from crm.codes import FollowUpPurpose
from crm.services import followups
from crm.services.base import now_utc
from customer_world import make_world
from ui_fakes import OFFSCREEN_NOISE
from ui.reminders import SNOOZE_SHORT, ReminderBanner, ReminderService


@OFFSCREEN_NOISE
def test_a_due_followup_shows_once_and_snooze_hides_it(qtbot, storage):
    world = make_world()
    fid = followups.create(world.agent, world.customer_id, now_utc() - dt.timedelta(minutes=5),
                           FollowUpPurpose.OTHER, owner=world.agent, note="回电")
    service = ReminderService(world.agent)
    banner = ReminderBanner(service)
    qtbot.addWidget(banner)
    with qtbot.waitSignal(service.sig_reminders_due) as blocker:
        new = service.check()
    assert [r.id for r in new] == [fid] and blocker.args[0] == new
    assert not banner.isHidden()
    assert "欧阳娜娜" in banner.label.text()
    assert service.check() == []  # nothing shown twice
    assert service.snooze_current(SNOOZE_SHORT)
    assert service.current() is None and banner.isHidden()
    assert followups.get(fid).snoozed_until is not None
    assert service.check() == []  # snoozed: quiet
    later = ReminderService(world.agent, clock=lambda: now_utc() + dt.timedelta(minutes=11))
    later.already_shown = set(service.already_shown)
    assert [r.id for r in later.check()] == [fid]  # back after the snooze
