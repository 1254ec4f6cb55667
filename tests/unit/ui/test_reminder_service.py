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


@OFFSCREEN_NOISE
def test_the_reminder_tick_escalates_overdue_cases_to_a_supervisor(qtbot, storage):
    from crm.models import ComplaintCase, FollowUp
    from crm.services import cases

    world = make_world()
    case = cases.open_case(world.agent, world.customer_id, "fees", "年费争议")
    past = now_utc() - dt.timedelta(days=60)
    ComplaintCase.update(opened_at=past, resolution_due=past + dt.timedelta(days=20),
                         first_feedback_due=past + dt.timedelta(hours=2)).where(ComplaintCase.id == case.id).execute()
    service = ReminderService(world.agent)
    service.check()
    service.check()  # escalated once, not once per tick
    escalations = FollowUp.select().where((FollowUp.case == case.id) & (FollowUp.owner == world.supervisor.id))
    assert escalations.count() == 1


@OFFSCREEN_NOISE
def test_a_tick_after_the_storage_closed_is_quiet_and_stops_the_timer(qtbot, storage):
    from crm.db import database_proxy

    world = make_world()
    service = ReminderService(world.agent)
    service.start(first_check_ms=10_000)
    bound = database_proxy.obj
    database_proxy.initialize(None)
    try:
        assert service.check() == []
        assert not service.timer.isActive()
    finally:
        database_proxy.initialize(bound)
