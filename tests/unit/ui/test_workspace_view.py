"""WorkspaceView: type to search, keyboard through the results, open a customer, screen pop, state kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from crm.errors import StorageError
from ui import i18n
from ui.models.customer_table_model import COL_LAST_CONTACT, COL_MATCH, COL_NAME, COL_PHONE, RANK
from ui.views.workspace.workspace_view import COLUMNS_KEY, WorkspaceView
from ui.widgets.search_box import DEBOUNCE_MS
from ui_fakes import GUI
from workspace_fakes import FakeCustomerPanel, FakeSearch, fake_actor

pytestmark = GUI

PEOPLE = {
    1: ("张伟", "13812345678", "vip"),
    2: ("张敏", "13912340000", "standard"),
    3: ("章明", "13700001111", "private"),
    4: ("李娜", "15000002222", "standard"),
}


@pytest.fixture
def search() -> FakeSearch:
    return FakeSearch(PEOPLE)


@pytest.fixture
def view(qtbot, search) -> WorkspaceView:
    widget = WorkspaceView(fake_actor(), FakeCustomerPanel, source=search.source)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.focus_search()
    return widget


def focused():
    return QApplication.focusWidget()


def type_text(qtbot, view: WorkspaceView, text: str) -> None:
    """Keystrokes for ASCII; Chinese arrives committed by the input method (QTest cannot type it)."""
    if text.isascii():
        qtbot.keyClicks(view.search_box, text)
    else:
        view.search_box.insert(text)


def type_query(qtbot, view: WorkspaceView, text: str) -> None:
    with qtbot.waitSignal(view.search_box.sig_search_requested, timeout=2000):
        type_text(qtbot, view, text)


def test_typing_searches_once_after_a_pause(qtbot, view, search):
    type_query(qtbot, view, "张")
    assert search.queries == ["张"]
    assert view.model.rowCount() == 2
    assert view.count_label.text() == "2 customers"
    type_text(qtbot, view, "伟")
    assert view.search_box.is_pending()  # debounced: nothing ran yet
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=DEBOUNCE_MS * 5)
    assert search.queries == ["张", "张伟"] and view.count_label.text() == "1 customer"


def test_several_quick_keystrokes_run_one_search(qtbot, view, search):
    type_query(qtbot, view, "13812345678")
    assert search.queries == ["13812345678"]
    assert view.model.index(0, COL_MATCH).data() == "Full phone number"


def test_down_goes_to_the_results_arrows_move_enter_opens(qtbot, view):
    type_query(qtbot, view, "0000")
    assert view.model.rowCount() == 3
    qtbot.keyClick(view.search_box, Qt.Key.Key_Down)
    assert focused() is view.results
    assert view.results.currentIndex().row() == 0
    qtbot.keyClick(view.results, Qt.Key.Key_Down)
    assert view.results.currentIndex().row() == 1
    assert view.panel.calls == []  # moving does not open
    qtbot.keyClick(view.results, Qt.Key.Key_Return)
    expected = view.model.customer_id(1)
    assert view.panel.calls == [("customer", expected)]
    assert view.current_customer_id == expected


def test_escape_in_the_results_returns_to_the_search_box_and_escape_there_clears(qtbot, view):
    type_query(qtbot, view, "张")
    qtbot.keyClick(view.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(view.results, Qt.Key.Key_Escape)
    assert focused() is view.search_box
    assert view.search_box.selectedText() == "张"  # ready to type over
    qtbot.keyClick(view.search_box, Qt.Key.Key_Escape)
    assert view.search_box.text() == "" and view.model.rowCount() == 0


def test_double_click_opens_the_customer(qtbot, view):
    type_query(qtbot, view, "张")
    rect = view.results.visualRect(view.model.index(1, COL_NAME))
    qtbot.mouseClick(view.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.panel.calls == [("customer", view.model.customer_id(1))]


def test_enter_in_the_box_opens_a_single_match_at_once(qtbot, view):
    type_text(qtbot, view, "李娜")
    qtbot.keyClick(view.search_box, Qt.Key.Key_Return)  # no need to wait for the debounce
    assert view.panel.calls == [("customer", 4)]


def test_enter_in_the_box_with_several_matches_goes_to_the_first(qtbot, view):
    type_text(qtbot, view, "张")
    qtbot.keyClick(view.search_box, Qt.Key.Key_Return)
    assert view.panel.calls == [] and focused() is view.results
    assert view.results.currentIndex().row() == 0


def test_no_match_says_so_and_offers_a_new_customer_with_the_number(qtbot, view):
    type_query(qtbot, view, "13300009999")
    assert view.model.rowCount() == 0
    assert view.count_label.text().startswith("No customer found")
    view.new_customer_button.click()
    assert view.panel.calls == [("new", "13300009999")]


def test_too_many_matches_ask_to_refine_the_search(qtbot):
    many = FakeSearch({i: (f"张{i}", f"138{i:08d}", "standard") for i in range(1, 2101)})
    view = WorkspaceView(fake_actor(), FakeCustomerPanel, source=many.source)
    qtbot.addWidget(view)
    view.search_box.set_text_and_search("张")
    assert view.model.truncated and view.model.rowCount() == 2000
    assert view.count_label.text() == ("More than 2,000 customers match; the first 2,000 are listed. Type more "
                                       "to narrow the search.")


def test_a_database_failure_is_shown_in_place_of_the_count(qtbot, view, search):
    search.error = StorageError("pg_unreachable", url="postgresql://db.example/crm")
    view.search_box.set_text_and_search("张")
    assert "cannot be reached" in view.count_label.text()
    search.error = None
    view.search_box.set_text_and_search("张")
    assert view.count_label.text() == "2 customers"


def test_screen_pop_opens_the_customer_with_that_exact_number(qtbot, view):
    view.open_number("+86 138 1234 5678")
    assert view.panel.calls == [("customer", 1)]
    assert view.search_box.text() == "13812345678"
    assert view.results.currentIndex().row() == view.model.row_of(1)


def test_screen_pop_of_an_unknown_number_starts_a_new_customer(qtbot, view):
    view.open_number("013300009999")
    assert view.panel.calls == [("new", "13300009999")]
    assert view.current_customer_id is None


def test_screen_pop_of_a_partial_match_does_not_guess(qtbot, view):
    view.open_number("5678")  # an extension or a tail: never opens someone
    assert view.panel.calls == [("new", "5678")]
    assert view.model.rowCount() == 1  # but the candidates are listed


def test_a_saved_customer_is_repainted_and_a_new_one_is_found(qtbot, view, search):
    view.open_number("13300009999")
    search.people[9] = ("王芳", "13300009999", "standard")
    view.panel.sig_customer_saved.emit(9)
    assert view.model.rowCount() == 1 and view.model.customer_id(0) == 9
    assert view.results.currentIndex().row() == 0
    search.people[9] = ("王芳芳", "13300009999", "vip")
    view.panel.sig_customer_saved.emit(9)
    assert view.model.index(0, COL_NAME).data() == "王芳芳"


def test_only_name_segment_and_last_contact_sort(qtbot, view):
    type_query(qtbot, view, "0000")
    header = view.results.horizontalHeader()
    assert header.sortIndicatorSection() == RANK
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.rect().topLeft() + _section_center(header, COL_PHONE))
    assert header.sortIndicatorSection() == RANK and view.model.sort_column == RANK
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.rect().topLeft() + _section_center(header, COL_LAST_CONTACT))
    assert view.model.sort_column == COL_LAST_CONTACT == header.sortIndicatorSection()


def _section_center(header, column):
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)


def test_column_widths_are_kept_between_sessions(qtbot, search):
    first = WorkspaceView(fake_actor(), FakeCustomerPanel, source=search.source)
    qtbot.addWidget(first)
    first.results.horizontalHeader().resizeSection(COL_NAME, 173)
    first.save_state()
    assert QSettings().value(COLUMNS_KEY) is not None
    second = WorkspaceView(fake_actor(), FakeCustomerPanel, source=search.source)
    qtbot.addWidget(second)
    assert second.results.horizontalHeader().sectionSize(COL_NAME) == 173


def test_the_results_follow_the_language(qtbot, view):
    type_query(qtbot, view, "张")
    i18n.install_language(i18n.CHINESE)
    qtbot.waitUntil(lambda: view.count_label.text() == "共 2 位客户")
    assert view.model.headerData(COL_NAME, Qt.Orientation.Horizontal) == "姓名"
    assert view.search_box.placeholderText() == "姓名 / 拼音 / 手机号 / 证件或卡号后4-6位"
    assert view.new_customer_button.text() == "新建客户"
    i18n.install_language(i18n.ENGLISH)
    qtbot.waitUntil(lambda: view.count_label.text() == "2 customers")


# --- on a real database (both backends) ------------------------------------------------------------

def test_real_search_shows_masked_phones_and_pops_the_exact_caller(qtbot, storage):
    from crm.services import customers
    from crm.services.customers import NewCustomer

    zhang = customers.create_customer(None, NewCustomer(name="张三", phones=("13812345678",))).id
    customers.create_customer(None, NewCustomer(name="张三丰", phones=("13812340000",)))
    view = WorkspaceView(None, FakeCustomerPanel)
    qtbot.addWidget(view)
    view.search_box.set_text_and_search("zhangsan")
    assert view.model.rowCount() == 2
    shown = [view.model.index(r, c).data() for r in range(2) for c in range(view.model.columnCount())]
    assert "138****5678" in shown and not any("12345678" in str(text) for text in shown)
    view.open_number("13812345678")
    assert view.panel.calls == [("customer", zhang)]


def test_too_few_digits_ask_for_more_instead_of_saying_nobody_matches(qtbot, view):
    view.search_box.set_text_and_search("138")
    assert view.count_label.text() == "Type at least 4 digits of a number."


def test_screen_pop_with_the_database_away_says_so_and_opens_nothing(qtbot, view, search):
    search.error = StorageError("pg_unreachable", url="postgresql://db.example/crm")
    view.open_number("13812345678")
    assert view.panel.calls == []
    assert "cannot be reached" in view.count_label.text()
