"""The product catalogue screen: everyone sees every product, administrators edit one (audited, validated,
stale versions caught) or load an edited catalogue file (errors named by file, line and product)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette

from crm.codes import StaffRole
from crm.models import Product, StaffUser
from crm.services import audit, products, staff
from ui import i18n
from ui.dialogs.products_dialog import ProductsDialog
from ui.models.product_table_model import (COL_ACTIVE, COL_CATEGORY, COL_CODE, COL_RISK, COLUMN_COUNT,
                                           ProductTableModel)
from ui.models.roles import ProductIdRole
from ui_fakes import GUI

pytestmark = GUI
SHIPPED = products.catalogue_path()


@pytest.fixture
def admin(storage) -> StaffUser:
    user = staff.current_staff("chen.admin", "陈管理员")  # the very first user becomes the administrator
    assert user.role == StaffRole.ADMIN
    products.sync_catalogue()
    return user


@pytest.fixture
def agent(admin) -> StaffUser:
    return StaffUser.create(username="li.agent", display_name="李客服", role=StaffRole.AGENT)


def product(code: str) -> Product:
    return Product.get(Product.code == code)


def make(qtbot, actor, **kw) -> ProductsDialog:
    dialog = ProductsDialog(actor, **kw)
    qtbot.addWidget(dialog)
    return dialog


def opened_on(qtbot, actor, code: str, **kw) -> ProductsDialog:
    dialog = make(qtbot, actor, **kw)
    dialog.select_product(product(code).id)
    assert dialog.current_product().code == code
    return dialog


def answers(*replies: bool):
    """A stand-in for the yes/no question that records what was asked."""
    asked: list[str] = []
    queue = list(replies)

    def confirm(_parent, _title, question):
        asked.append(question)
        return queue.pop(0)

    confirm.asked = asked
    return confirm


def test_model_passes_the_tester_and_greys_retired_products(qtmodeltester, admin):
    Product.update(active=False).where(Product.code == "DEP-CUR").execute()
    model = ProductTableModel()
    model.set_rows(products.list_products(active_only=False))
    assert model.rowCount() == Product.select().count() and model.columnCount() == COLUMN_COUNT
    qtmodeltester.check(model)
    model.sort(COL_RISK, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    risks = [model.index(r, COL_RISK).data() for r in range(model.rowCount())]
    assert risks == sorted(risks, reverse=True) and risks[0] == "R5"
    row = model.row_of(product("DEP-CUR").id)
    retired = model.index(row, COL_CODE)
    assert retired.data(ProductIdRole) == product("DEP-CUR").id
    grey = QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert retired.data(Qt.ItemDataRole.ForegroundRole).color() == grey
    assert model.index(row, COL_ACTIVE).data() == "No (retired)"
    assert model.index(row, COL_CATEGORY).data() == "Deposits"  # the shared sales label, not the code
    active = model.index(model.row_of(product("DEP-1Y").id), COL_CODE)
    assert active.data(Qt.ItemDataRole.ForegroundRole) is None


def test_the_table_lists_every_product_including_retired_ones(qtbot, admin):
    Product.update(active=False).where(Product.code == "DEP-CUR").execute()
    dialog = make(qtbot, admin)
    total = Product.select().count()
    assert dialog.model.rowCount() == total
    assert dialog.count_label.text() == f"{total} products, {total - 1} on sale"


def test_admin_edits_and_saves_a_product_and_the_change_is_audited(qtbot, admin):
    before = product("WM-BAL")
    dialog = opened_on(qtbot, admin, "WM-BAL")
    dialog.show()
    assert not dialog.save_button.isEnabled()  # nothing changed yet
    dialog.name_en_edit.clear()
    qtbot.keyClicks(dialog.name_en_edit, "Balanced wealth plan")
    dialog.risk_combo.setCurrentIndex(dialog.risk_combo.findData(4))
    dialog.dual_check.setChecked(False)
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.sig_catalogue_changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    after = product("WM-BAL")
    assert (after.name_en, after.risk_level, after.dual_recording) == ("Balanced wealth plan", 4, False)
    assert after.version == before.version + 1 and after.name_zh == before.name_zh
    entry = audit.history("product", after.id)[0]
    assert entry.actor_id == admin.id and entry.action == "update"
    assert entry.detail["after"] == {"name_en": "Balanced wealth plan", "risk_level": 4, "dual_recording": False}
    assert dialog.saved_label.text() == "Saved product WM-BAL."
    shown = dialog.model.index(dialog.model.row_of(after.id), COL_RISK).data()
    assert shown == "R4" and dialog.current_product().version == after.version
    assert not dialog.save_button.isEnabled()


def test_retiring_a_product_greys_it_in_the_table(qtbot, admin):
    dialog = opened_on(qtbot, admin, "FUND-MM")
    dialog.active_check.setChecked(False)
    dialog.save()
    assert product("FUND-MM").active is False
    row = dialog.model.row_of(product("FUND-MM").id)
    assert dialog.model.index(row, COL_CODE).data(Qt.ItemDataRole.ForegroundRole) is not None


@pytest.mark.parametrize("role", [StaffRole.AGENT, StaffRole.SUPERVISOR])
def test_non_admins_see_the_table_but_cannot_edit(qtbot, admin, role):
    user = StaffUser.create(username=f"u.{role}", display_name="某人", role=role)
    dialog = make(qtbot, user)
    dialog.show()
    assert dialog.model.rowCount() == Product.select().count()
    assert dialog.readonly_label.isVisible()
    assert dialog.readonly_label.text() == "Only administrators can edit the product catalogue."
    assert not dialog.edit_group.isVisible() and not dialog.load_button.isVisible()
    before = product("WM-BAL").version
    dialog.select_product(product("WM-BAL").id)
    dialog.name_zh_edit.setText("改名")
    dialog.save()
    dialog.load_catalogue_file()
    assert product("WM-BAL").version == before and product("WM-BAL").name_zh != "改名"


def test_admin_sees_no_read_only_line(qtbot, admin):
    dialog = make(qtbot, admin)
    dialog.show()
    assert not dialog.readonly_label.isVisible()
    assert dialog.edit_group.isVisible() and dialog.load_button.isVisible()


def test_a_demoted_admin_is_refused_by_the_core_and_told_so(qtbot, admin):
    dialog = opened_on(qtbot, admin, "WM-BAL")
    dialog.name_en_edit.setText("Renamed")
    admin.role = StaffRole.AGENT  # demoted while the dialog was open
    dialog.save()
    assert dialog.form_message.text() == "Only administrators can edit the product catalogue."
    assert product("WM-BAL").name_en != "Renamed"


def test_the_core_validation_message_is_shown_under_its_field(qtbot, admin):
    dialog = opened_on(qtbot, admin, "WM-BAL")
    dialog.show()
    dialog.name_zh_edit.setText("   ")
    dialog.save()
    message = dialog.field_messages["name_zh"]
    assert message.isVisible() and message.text() == "This field must be filled in."
    assert not dialog.field_messages["name_en"].isVisible() and not dialog.form_message.isVisible()
    assert dialog.name_zh_edit.hasFocus() or not dialog.isActiveWindow()
    assert product("WM-BAL").name_zh.strip()
    dialog.name_zh_edit.setText("平衡型理财")  # corrected: saved, and the message goes
    dialog.save()
    assert product("WM-BAL").name_zh == "平衡型理财" and not message.isVisible()


def test_a_stale_version_reloads_the_product_and_says_why(qtbot, admin):
    other = StaffUser.create(username="wang.admin", display_name="王管理员", role=StaffRole.ADMIN)
    dialog = opened_on(qtbot, admin, "WM-BAL")
    dialog.name_en_edit.setText("My wording")
    row = products.get_product(product("WM-BAL").id)
    products.update_product(other, row.id, row.version, name_en="Their wording")

    dialog.save()
    assert product("WM-BAL").name_en == "Their wording"
    assert "Someone else changed this product" in dialog.form_message.text()
    assert dialog.name_en_edit.text() == "Their wording"  # the current values are shown
    assert dialog.current_product().version == product("WM-BAL").version
    dialog.name_en_edit.setText("My wording")  # made again on the fresh version: saved
    dialog.save()
    assert product("WM-BAL").name_en == "My wording"


def test_changing_product_with_unsaved_edits_asks_first(qtbot, admin):
    confirm = answers(False, True)
    dialog = opened_on(qtbot, admin, "WM-BAL", confirm=confirm)
    dialog.name_en_edit.setText("Half-typed")
    dialog.select_product(product("DEP-CUR").id)
    assert confirm.asked == ["Discard your changes to product WM-BAL?"]
    assert dialog.current_product().code == "WM-BAL" and dialog.name_en_edit.text() == "Half-typed"
    assert dialog.table.currentIndex().row() == dialog.model.row_of(product("WM-BAL").id)
    dialog.select_product(product("DEP-CUR").id)
    assert dialog.current_product().code == "DEP-CUR"
    assert product("WM-BAL").name_en != "Half-typed"


def write_catalogue(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "edited-products.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loading_a_bad_file_names_file_line_and_product_and_changes_nothing(qtbot, admin, tmp_path):
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    target = next(i for i, line in enumerate(lines) if line.strip() == 'code = "WM-BAL"')
    risk = next(i for i in range(target, len(lines)) if lines[i].startswith("risk_level"))
    lines[risk] = "risk_level = 7"
    path = write_catalogue(tmp_path, "\n".join(lines) + "\n")
    versions = {p.code: p.version for p in Product.select()}
    dialog = make(qtbot, admin, choose_file=lambda _parent: str(path))
    dialog.show()

    dialog.load_catalogue_file()
    text = dialog.load_error.text()
    assert dialog.load_error.isVisible()
    assert "nothing was changed" in text
    assert str(path) in text and f"Line: {risk + 1}" in text and "Product: WM-BAL" in text
    assert "Key: risk_level" in text and "The risk level must be 1 to 5" in text
    assert {p.code: p.version for p in Product.select()} == versions


def test_loading_a_file_with_a_syntax_error_names_the_line(qtbot, admin, tmp_path):
    path = write_catalogue(tmp_path, '[[product]]\ncode = "X-1"\nname_zh = "未闭合\n')
    dialog = make(qtbot, admin, choose_file=lambda _parent: str(path))
    dialog.load_catalogue_file()
    assert "Line: 3" in dialog.load_error.text() and "not valid TOML" in dialog.load_error.text()


def test_loading_a_good_file_updates_the_catalogue_and_the_table(qtbot, admin, tmp_path):
    text = SHIPPED.read_text(encoding="utf-8").replace('name_zh = "活期储蓄"', 'name_zh = "活期储蓄（新）"')
    text += ('\n[[product]]\ncode = "NEW-1"\nname_zh = "新产品"\nname_en = "New product"\ncategory = "fund"\n'
             'risk_level = 3\ndual_recording = true\n')
    path = write_catalogue(tmp_path, text)
    dialog = make(qtbot, admin, choose_file=lambda _parent: str(path))
    count = dialog.model.rowCount()
    with qtbot.waitSignal(dialog.sig_catalogue_changed):
        dialog.load_catalogue_file()
    assert product("DEP-CUR").name_zh == "活期储蓄（新）" and product("NEW-1").dual_recording is True
    assert dialog.load_status.text() == "Products added or changed from edited-products.toml: 2"
    assert not dialog.load_error.isVisible()
    assert dialog.model.rowCount() == count + 1 and dialog.model.row_of(product("NEW-1").id) >= 0
    assert audit.history("product", product("DEP-CUR").id)[0].actor_id == admin.id

    dialog.load_catalogue_file()  # the same file again changes nothing
    assert dialog.load_status.text() == "edited-products.toml matches the catalogue: nothing was changed."


def test_cancelling_the_file_choice_does_nothing(qtbot, admin):
    dialog = make(qtbot, admin, choose_file=lambda _parent: "")
    dialog.load_catalogue_file()
    assert dialog.load_status.text() == "" and not dialog.load_error.isVisible()


def test_the_dialog_speaks_chinese(qtbot, admin):
    i18n.install_language(i18n.CHINESE)
    dialog = opened_on(qtbot, admin, "DEP-CUR")
    assert dialog.windowTitle() == "产品目录"
    assert dialog.model.index(dialog.model.row_of(product("DEP-CUR").id), COL_CATEGORY).data() == "存款"
    assert dialog.model.headerData(COL_RISK, Qt.Orientation.Horizontal) == "风险等级"
    i18n.install_language(i18n.ENGLISH)
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Product Catalogue")
    assert dialog.model.headerData(COL_RISK, Qt.Orientation.Horizontal) == "Risk level"


def test_the_tools_menu_opens_the_catalogue(qtbot, local_storage):
    from ui.views.main_window import MainWindow
    from ui_fakes import CountingOverview, FakeSummary
    from workspace_fakes import FakeCustomerPanel, FakeSearch

    window = MainWindow(local_storage, actor=None, customer_panel_factory=FakeCustomerPanel,
                        overview=CountingOverview(FakeSummary()), search_source=FakeSearch().source)
    qtbot.addWidget(window)
    assert window.products_action in window.tools_menu.actions()
    assert window.products_action.text() == "Product &Catalogue…"
