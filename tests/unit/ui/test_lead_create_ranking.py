"""The lead dialog never starts on a product above the customer's risk rating: those within it come first
(the rule's suggestions first among them), those above it are marked, and none invites an override."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from crm.models import Customer, Product, StaffUser
from crm.services import customer_detail, products
from crm.services.customers import NewCustomer, create_customer
from crm.services.suitability import CheckCode
from ui import i18n
from ui.dialogs.lead_create_dialog import LeadCreateDialog
from ui_fakes import GUI

pytestmark = GUI

FAR = dt.date.today() + dt.timedelta(days=300)


@pytest.fixture
def actor(storage) -> StaffUser:
    products.sync_catalogue()
    return StaffUser.create(username="li.na", display_name="李娜", role="agent")


@pytest.fixture
def elderly_c2(storage) -> int:
    cid = create_customer(None, NewCustomer(name="何晓轩", phones=("13812345678",))).id
    Customer.update(risk_rating="C2", risk_expires_on=FAR, birth_date=dt.date.today().replace(year=1949)) \
        .where(Customer.id == cid).execute()
    customer_detail.record_consent(None, cid, "marketing", "phone", True, "call")
    return cid


def fund_suggestions() -> tuple[Product, ...]:
    """The fund rule's way: the high-risk index fund suggested before the gentler ones."""
    funds = sorted(Product.select().where((Product.category == "fund") & Product.active),
                   key=lambda p: -int(p.risk_level))
    assert int(funds[0].risk_level) > 2 and any(int(p.risk_level) <= 2 for p in funds)
    return tuple(funds)


def test_suitable_products_come_first_and_the_dialog_starts_on_one(qtbot, actor, elderly_c2):
    funds = fund_suggestions()
    dialog = LeadCreateDialog(actor, elderly_c2, "fund", tuple(p.code for p in funds))
    qtbot.addWidget(dialog)
    levels = [int(Product.get_by_id(dialog.product_combo.itemData(i)).risk_level)
              for i in range(dialog.product_combo.count())]
    first_unsuitable = next(i for i, level in enumerate(levels) if level > 2)
    assert all(level <= 2 for level in levels[:first_unsuitable])
    assert all(level > 2 for level in levels[first_unsuitable:])
    assert dialog.product_combo.currentIndex() == 0 and levels[0] <= 2
    assert dialog.product_combo.currentText().startswith("★")  # still one the rule suggested
    assert not any(c.code == CheckCode.RISK_LEVEL_EXCEEDED for c in dialog.blocks())
    texts = [dialog.product_combo.itemText(i) for i in range(dialog.product_combo.count())]
    assert all("above the customer's risk rating" in t for t in texts[first_unsuitable:])
    assert not any("above the customer's risk rating" in t for t in texts[:first_unsuitable])


def test_an_unsuitable_product_cannot_be_overridden_and_the_dialog_says_what_to_do(qtbot, actor, elderly_c2):
    funds = fund_suggestions()
    dialog = LeadCreateDialog(actor, elderly_c2, "fund", tuple(p.code for p in funds))
    qtbot.addWidget(dialog)
    dialog.product_combo.setCurrentIndex(dialog.product_combo.findData(funds[0].id))
    exceeded = [c for c in dialog.blocks() if c.code == CheckCode.RISK_LEVEL_EXCEEDED]
    assert exceeded and not exceeded[0].overridable  # the core's policy, read from the check
    text = html.unescape(dialog.blocks_label.text())
    assert "cannot override" in text and "override the block" not in text
    assert "Choose a product within the customer's risk rating" in text


def test_in_chinese_an_unsuitable_product_is_marked(qtbot, actor, elderly_c2):
    i18n.install_language(i18n.CHINESE)
    funds = fund_suggestions()
    dialog = LeadCreateDialog(actor, elderly_c2, "fund", tuple(p.code for p in funds))
    qtbot.addWidget(dialog)
    index = dialog.product_combo.findData(funds[0].id)
    assert dialog.product_combo.itemText(index).endswith("（超出风险等级）")
