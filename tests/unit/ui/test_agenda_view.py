"""My day: the agenda model and view on a real database (both backends)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from crm.codes import FollowUpPurpose
from crm.services import followups
from crm.services.base import now_utc
from crm.workcalendar import default_calendar
from customer_world import make_world
from ui_fakes import OFFSCREEN_NOISE
from ui.models.agenda_model import SECTION_OVERDUE, AgendaModel, FollowUpIdRole, SectionRole
from ui.views.agenda.agenda_view import AgendaView


def _world_with_followups():
    world = make_world()
    now = now_utc()
    later = followups.create(world.agent, world.customer_id, now + dt.timedelta(days=2),
                             FollowUpPurpose.OTHER, owner=world.agent, note="later")
    overdue = followups.create(world.agent, world.customer_id, now - dt.timedelta(days=3),
                               FollowUpPurpose.COMPLAINT_FEEDBACK, owner=world.agent, note="overdue")
    return world, overdue, later


def test_the_model_passes_the_model_tester_and_lists_overdue_first(qtmodeltester, storage):
    from crm.services.agenda import my_day

    world, overdue, later = _world_with_followups()
    model = AgendaModel(lambda: my_day(world.agent.id))
    model.refresh()
    qtmodeltester.check(model)
    assert model.rowCount() >= 2
    first = model.index(0, 0)
    assert model.data(first, FollowUpIdRole) == overdue
    assert model.data(first, SectionRole) == SECTION_OVERDUE
    assert model.data(first, Qt.ItemDataRole.ForegroundRole) is not None
    assert "****" in model.data(model.index(0, 1))  # the phone is masked


def test_no_answer_moves_the_followup_to_the_next_working_day(qtbot, storage):
    world, overdue, _ = _world_with_followups()
    view = AgendaView(world.agent, lambda cid: None)
    qtbot.addWidget(view)
    assert view.refresh()
    assert view.current_entry().followup_id == overdue
    with qtbot.waitSignal(view.sig_attempt_recorded):
        assert view.record_outcome("no_answer", note="无人接听")
    row = followups.get(overdue)
    cal = default_calendar()
    today = cal.local_date(now_utc())
    assert row.attempts == 1 and row.status == "open"
    assert cal.local_date(row.due_at) == cal.next_workday(today)
    assert [a.outcome for a in followups.attempts_of(overdue)] == ["no_answer"]


@OFFSCREEN_NOISE
def test_enter_opens_the_customer(qtbot, storage):
    world, _, _ = _world_with_followups()
    opened: list[int] = []
    view = AgendaView(world.agent, opened.append)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened == [world.customer_id]


def test_the_supervisor_view_counts_off_the_ui_thread_and_reassigns(qtbot, storage):
    from crm.codes import StaffRole
    from crm.models import StaffUser
    from ui.views.agenda.supervisor_view import SupervisorView

    world, overdue, later = _world_with_followups()
    other = StaffUser.create(username="agent2", display_name="赵坐席", role=StaffRole.AGENT)
    view = SupervisorView(world.supervisor)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.sig_queues_loaded, timeout=10_000):
        view.refresh()
    row = view.model.queue(view.model.row_of_staff(world.agent.id))
    assert row.open == 2 and row.overdue == 1
    with qtbot.waitSignal(view.sig_queues_loaded, timeout=10_000):
        moved = view.reassign(world.agent.id, other.id)
    assert sorted(moved) == sorted([overdue, later])
    assert view.model.queue(view.model.row_of_staff(other.id)).open == 2
