"""A small real world for the customer-screen tests: staff, one customer with identifiers, history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stdnum.cn import ric

from crm.codes import StaffRole
from crm.models import StaffUser
from crm.services import customers, interactions
from crm.services.customers import NewCustomer
from crm.services.interactions import NewInteraction

ID_BODY = "31010419580704321"
ID_NUMBER = ID_BODY + ric.calc_check_digit(ID_BODY + "0")
CARD = "6222021234567890"
CREDIT_CARD = "4392268812345675"
PHONE = "13811112222"
RESERVED = "13933334444"
RAW_VALUES = (ID_NUMBER, CARD, CREDIT_CARD, PHONE, RESERVED, "1381111", "1393333", "62220212", "nana.ouyang")


@dataclass
class World:
    agent: StaffUser
    supervisor: StaffUser
    customer_id: int


def make_world() -> World:
    agent = StaffUser.create(username="agent1", display_name="李客服", role=StaffRole.AGENT)
    boss = StaffUser.create(username="boss", display_name="王主管", role=StaffRole.SUPERVISOR)
    cust = customers.create_customer(agent, NewCustomer(
        name="欧阳娜娜", phones=(PHONE,), reserved_phone=RESERVED, id_number=ID_NUMBER,
        cards=((CARD, "debit"), (CREDIT_CARD, "credit")), emails=("nana.ouyang@example.com",),
        segment="vip", risk_rating="C3", risk_assessed_on=dt.date(2020, 3, 1), notes="喜欢下午来电"))
    return World(agent, boss, cust.id)


def log_calls(world: World, count: int, start: dt.datetime | None = None) -> None:
    """``count`` interactions one hour apart, oldest first, ending before ``start`` (default: now)."""
    start = start or dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    for i in range(count):
        interactions.log_interaction(world.agent, NewInteraction(
            customer_id=world.customer_id, channel="inbound_call", category="consultation",
            notes=f"第{i}次来电：咨询大额存单利率", duration_s=60 + i, satisfaction=5,
            ts=start - dt.timedelta(hours=count - i)))


def switch_to_chinese() -> None:
    """Chinese UI (every catalogue, ours included), with the LanguageChange already delivered."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from ui import i18n

    loaded = i18n.install_language(i18n.CHINESE)
    assert loaded.get("customer_zh_CN"), loaded
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def widget_texts(root, recursive: bool = True) -> list[str]:
    """Every text a user could see or copy in ``root``'s widget tree: labels, fields, buttons, tooltips,
    table cells, combo items and the rows of item views."""
    from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTabWidget,
        QWidget,
    )

    texts: list[str] = []
    for widget in [root, *(root.findChildren(QWidget) if recursive else ())]:
        texts.append(widget.toolTip())
        if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
            for row in range(model.rowCount(QModelIndex())):
                for column in range(columns):
                    index = model.index(row, column)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = model.data(index, role)
                        if value:
                            texts.append(str(value))
    return [t for t in texts if t]
