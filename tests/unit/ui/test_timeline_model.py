"""TimelineModel on both backends: model contract, newest first, page-by-page fetching, prepend refresh."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QListView

from crm.services import customers, timeline
from customer_world import log_calls, make_world, switch_to_chinese
from ui.models.timeline_model import BodyRole, KindRole, MetaRole, TimelineModel, TimestampRole, TitleRole
from ui_fakes import GUI

pytestmark = GUI


class CountingPage:
    def __init__(self) -> None:
        self.calls: list[object] = []

    def __call__(self, customer_id, after=None, limit=50):
        self.calls.append(after)
        return timeline.page(customer_id, after=after, limit=limit)


@pytest.fixture
def world(storage):
    w = make_world()
    log_calls(w, 45)
    return w


def test_model_passes_qtmodeltester_with_real_data(world, qtmodeltester):
    model = TimelineModel(page_size=20)
    model.set_customer(world.customer_id)
    qtmodeltester.check(model)
    assert model.rowCount() >= 20


def test_newest_first_with_translated_texts(world, qtbot):
    model = TimelineModel(page_size=10)
    model.set_customer(world.customer_id)
    stamps = [model.data(model.index(r, 0), TimestampRole) for r in range(model.rowCount())]
    assert stamps == sorted(stamps, reverse=True)
    calls = [r for r in range(model.rowCount()) if model.data(model.index(r, 0), KindRole) == "interaction"]
    first = model.index(calls[0], 0)
    assert model.data(first, TitleRole) == "Inbound call · Consultation"
    assert "李客服" in model.data(first, MetaRole) and "★★★★★" in model.data(first, MetaRole)
    assert "第44次来电" in model.data(first, BodyRole)
    switch_to_chinese()
    assert model.data(first, TitleRole) == "呼入 · 咨询"


def test_scrolling_fetches_one_page_at_a_time(world, qtbot):
    page = CountingPage()
    model = TimelineModel(page=page, page_size=10)
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 300)
    model.set_customer(world.customer_id)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() == 10 and len(page.calls) == 1 and page.calls[0] is None
    total = len(timeline.page(world.customer_id, limit=1000))
    seen = [model.rowCount()]
    while model.canFetchMore(QModelIndex()):
        view.scrollToBottom()
        qtbot.waitUntil(lambda: model.rowCount() > seen[-1] or not model.canFetchMore(QModelIndex()))
        seen.append(model.rowCount())
    assert all(b - a <= 10 for a, b in zip(seen, seen[1:]))  # never more than a page per step
    assert model.rowCount() == total and len(page.calls) == len(seen)
    assert page.calls[1] == model.item(9).cursor  # keyset: the next page starts after the last row
    keys = [(model.item(r).kind, model.item(r).id) for r in range(model.rowCount())]
    assert len(set(keys)) == len(keys)


def test_prepend_refresh_inserts_new_items_on_top(world, qtbot):
    model = TimelineModel(page_size=10)
    model.set_customer(world.customer_id)
    model.fetchMore(QModelIndex())
    before = model.rowCount()
    detail_version = customers.get_summary(world.customer_id).version
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        customers.update_customer(world.agent, world.customer_id, detail_version, {"segment": "private"})
        model.prepend_refresh()
    assert inserted.args[1] == 0
    assert model.rowCount() == before + 1
    top = model.index(0, 0)
    assert model.data(top, KindRole) == "change"
    assert model.data(top, TitleRole) == "Customer record changed"
    assert "Segment" in model.data(top, BodyRole)


def test_empty_and_cleared(world, qtbot):
    model = TimelineModel()
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())
    model.set_customer(world.customer_id)
    model.set_customer(None)
    assert model.rowCount() == 0 and model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole) is None


def test_identifiers_in_notes_are_masked(storage, qtbot):
    from crm.services import interactions
    from crm.services.interactions import NewInteraction

    w = make_world()
    interactions.log_interaction(w.agent, NewInteraction(
        customer_id=w.customer_id, channel="online_chat", category="guidance",
        notes="客户说新手机号 13712345678", ts=dt.datetime.now(dt.UTC)))
    model = TimelineModel()
    model.set_customer(w.customer_id)
    texts = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert not any("13712345678" in t for t in texts)
    assert any("137****5678" in t for t in texts)


def test_a_blocked_lead_reads_in_the_words_of_the_leads_view_not_its_codes(storage, qtbot):
    from crm.models import Product
    from crm.services import leads, products

    w = make_world()
    products.sync_catalogue()
    deposit = Product.get(Product.category == "deposit")
    leads.create_lead(w.agent, customer_id=w.customer_id, product_id=deposit.id, channel="sms")  # no consent
    model = TimelineModel()
    model.set_customer(w.customer_id)
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0), KindRole) == "lead")
    index = model.index(row, 0)
    assert model.data(index, BodyRole) == "Blocked: No marketing consent"
    assert model.data(index, TitleRole) == "Sales lead · New"
    switch_to_chinese()
    body, title = model.data(index, BodyRole), model.data(index, TitleRole)
    assert "no_marketing_consent" not in body and "无营销同意" in body
    from ui import sales_labels
    assert title.endswith(sales_labels.lead_state_label("new"))  # as the Leads view says it
