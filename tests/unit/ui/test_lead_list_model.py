"""The lazy lead list on real leads: model tester, pages fetched on demand (LRU), flags without queries,
sorting by asking the core again, blocked/overridden rows in words and colour, Chinese labels."""

from __future__ import annotations

import datetime as dt

import pytest
from lead_world import customer, lead, make_world, populate
from PySide6.QtCore import Qt

from crm.models import Customer
from crm.services import leads
from crm.services.leads import LeadFilter
from ui import i18n
from ui.models import lead_list_model
from ui.models.lead_list_model import (BLOCKED_BRUSH, COL_AGE, COL_BLOCKED, COL_CATEGORY, COL_DUAL, COL_MOBILE,
                                       COL_RISK, COL_STATE, OVERRIDDEN_BRUSH, LeadListModel)
from ui.models.roles import CustomerIdRole, LeadBlockRole, LeadIdRole, LeadStateRole
from ui_fakes import GUI

pytestmark = GUI


@pytest.fixture
def w(storage):
    world = make_world()
    populate(world, 30)
    return world


class CountingRows:
    """leads.lead_rows, counting the pages asked for."""

    def __init__(self) -> None:
        self.pages: list[list[int]] = []

    def __call__(self, ids):
        self.pages.append(list(ids))
        return leads.lead_rows(ids)


def test_model_passes_the_tester_on_real_leads(qtmodeltester, w):
    model = LeadListModel()
    model.refresh()
    assert model.rowCount() == 30
    qtmodeltester.check(model)


def test_rows_are_read_a_page_at_a_time_and_flags_never_read(w, monkeypatch):
    monkeypatch.setattr(lead_list_model, "PAGE_SIZE", 8)
    monkeypatch.setattr(lead_list_model, "MAX_PAGES", 2)
    rows = CountingRows()
    model = LeadListModel(rows_source=rows)
    model.refresh()
    for row in range(30):
        assert model.flags(model.index(row, COL_STATE)) & Qt.ItemFlag.ItemIsSelectable
        assert model.data(model.index(row, 0), LeadIdRole) == model.lead_id(row)
    assert rows.pages == []  # ids and flags come from the id list alone
    model.data(model.index(0, COL_STATE))
    model.data(model.index(7, COL_STATE))
    assert len(rows.pages) == 1 and len(rows.pages[0]) == 8
    model.data(model.index(9, COL_STATE))
    model.data(model.index(20, COL_STATE))
    assert len(rows.pages) == 3 and model.cached_pages() == 2  # the least recently used page went
    model.data(model.index(0, COL_STATE))
    assert len(rows.pages) == 4


def test_the_newest_lead_comes_first_and_sorting_asks_the_core_again(w):
    model = LeadListModel()
    model.refresh()
    assert model.lead_ids() == leads.lead_ids(LeadFilter(), "created_desc")
    ages = [int(model.data(model.index(r, COL_AGE))) for r in range(model.rowCount())]
    assert ages == sorted(ages)
    model.sort(COL_RISK, Qt.SortOrder.DescendingOrder)
    assert model.sort_key() == "risk_desc"
    assert model.data(model.index(0, COL_RISK)) == "R3"
    assert model.data(model.index(model.rowCount() - 1, COL_RISK)) == "R1"
    before = model.lead_ids()
    model.sort(COL_MOBILE, Qt.SortOrder.AscendingOrder)  # not an allowed sort: nothing happens
    assert model.lead_ids() == before and model.sort_key() == "risk_desc"


def test_a_blocked_lead_says_which_rule_and_an_overridden_one_says_so(w):
    cid = customer(w, 500, rating="C1")
    blocked = lead(w, cid, "WM-BAL")  # R3 for a C1 customer
    model = LeadListModel()
    model.refresh()
    row = model.row_of(blocked)
    assert model.data(model.index(row, COL_BLOCKED)) == "Product risk too high"
    assert model.data(model.index(row, COL_BLOCKED), LeadBlockRole) == "risk_level_exceeded"
    assert model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole) == BLOCKED_BRUSH
    assert "above the customer's risk tolerance" in model.data(model.index(row, COL_BLOCKED),
                                                               Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(row, COL_DUAL)) == "Required"
    assert model.data(model.index(row, 0), CustomerIdRole) == cid
    assert model.data(model.index(row, COL_MOBILE)) == "139****0500"
    # Cn up to Rn only cannot be overridden; an expired assessment can
    Customer.update(risk_rating="C3", risk_expires_on=dt.date.today() - dt.timedelta(days=1)).where(
        Customer.id == cid).execute()
    leads.recheck_leads(None, [blocked])
    leads.override_block(w.supervisor, blocked, leads.get_lead(blocked).version, "客户已重新评估风险")
    model.invalidate()
    assert model.data(model.index(row, COL_BLOCKED)) == "Risk assessment expired (overridden)"
    assert model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole) == OVERRIDDEN_BRUSH
    assert model.data(model.index(row, 0), LeadStateRole) == "new"


def test_a_lead_deleted_after_the_ids_were_read_shows_nothing(w):
    model = LeadListModel()
    model.refresh()
    gone = model.lead_id(0)
    from crm.models import Lead

    Lead.delete().where(Lead.id == gone).execute()
    assert model.data(model.index(0, COL_STATE)) is None
    assert model.data(model.index(1, COL_STATE))


def test_labels_follow_the_language(w):
    model = LeadListModel()
    model.set_filter(LeadFilter(category="large_cd"))
    assert model.rowCount() > 0
    i18n.install_language(i18n.CHINESE)
    assert model.headerData(COL_STATE, Qt.Orientation.Horizontal) == "状态"
    assert model.data(model.index(0, COL_CATEGORY)) == "大额存单"
