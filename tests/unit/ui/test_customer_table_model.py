"""CustomerTableModel: an ID list over real search results, pages fetched lazily in one query each."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDateTime, QLocale, QPersistentModelIndex, Qt

from crm.models import Customer
from crm.services import customers
from crm.services.customers import NewCustomer
from crm.services.search import SearchHit
from ui import i18n
from ui.models.customer_search_source import CustomerSearchSource
from ui.models.customer_table_model import (COL_LAST_CONTACT, COL_MATCH, COL_NAME, COL_PHONE, COL_SEGMENT,
                                            MAX_PAGES, PAGE_SIZE, RANK, CustomerTableModel,
                                            format_instant, format_last_contact)
from ui.models.roles import CustomerIdRole, MatchRole, SegmentRole

GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"


def _make(name: str, phone: str, segment: str = "standard") -> int:
    return customers.create_customer(None, NewCustomer(name=name, phones=(phone,), segment=segment)).id


@pytest.fixture
def people(storage) -> dict[str, int]:
    made = {
        "张伟": _make("张伟", "13812345678", "vip"),
        "张敏": _make("张敏", "13912340000"),
        "章明": _make("章明", "13700001111", "private"),
        "李娜": _make("李娜", "15000002222"),
        "John Zhang": _make("John Zhang", "13600003333"),
    }
    Customer.update(last_contact_at=dt.datetime(2024, 5, 3, 6, 5, tzinfo=dt.timezone.utc)).where(
        Customer.id == made["张敏"]).execute()
    return made


class count_queries:
    """Counts the SQL statements the open database executes (its execute_sql, whatever the logging set-up)."""

    def __enter__(self) -> count_queries:
        from crm.db import database_proxy

        self.count = 0
        self._db = database_proxy.obj
        original = self._db.execute_sql

        def counting(sql, params=None, *args, **kwargs):
            self.count += 1
            return original(sql, params, *args, **kwargs)

        self._db.execute_sql = counting
        return self

    def __exit__(self, *exc) -> None:
        del self._db.execute_sql  # the class's method again


def _names(model: CustomerTableModel) -> list[str]:
    return [model.index(row, COL_NAME).data() for row in range(model.rowCount())]


def test_passes_the_model_tester_with_real_rows(qtmodeltester, people):
    model = CustomerTableModel()
    model.set_query("zhang")
    assert model.rowCount() >= 3
    qtmodeltester.check(model)
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_columns_show_name_masked_phone_segment_contact_and_match(people):
    model = CustomerTableModel()
    model.set_query("13812345678")
    assert model.rowCount() == 1
    row = [model.index(0, col).data() for col in range(model.columnCount())]
    assert row[COL_NAME] == "张伟"
    assert row[COL_PHONE] == "138****5678"
    assert row[COL_SEGMENT] == "VIP"
    assert row[COL_LAST_CONTACT] == ""
    assert row[COL_MATCH] == "Full phone number"
    assert model.index(0, 0).data(CustomerIdRole) == people["张伟"]
    assert model.index(0, 0).data(MatchRole) == "phone_exact"
    assert model.index(0, COL_SEGMENT).data(SegmentRole) == "vip"
    assert model.index(0, COL_SEGMENT).data(Qt.ItemDataRole.FontRole).bold()
    assert "13812345678" not in " ".join(str(v) for v in row)


def test_last_contact_is_the_local_date_with_the_full_time_as_tooltip(people):
    model = CustomerTableModel()
    model.set_query("张敏")
    index = model.index(0, COL_LAST_CONTACT)
    contacted = dt.datetime(2024, 5, 3, 6, 5, tzinfo=dt.timezone.utc)
    assert index.data() == format_last_contact(contacted)
    assert "2024" in index.data()  # a four-digit year in every language
    assert index.data(Qt.ItemDataRole.ToolTipRole) == format_instant(contacted)
    assert "2024" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_headers_and_codes_are_translated(people, qapp):
    model = CustomerTableModel()
    model.set_query("zhang")
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Name", "Mobile", "Segment", "Last contact", "Matched by"]
    i18n.install_language(i18n.CHINESE)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["姓名", "手机号", "客户等级", "最近联系", "匹配方式"]
    segments = {model.index(r, COL_NAME).data(): model.index(r, COL_SEGMENT).data()
                for r in range(model.rowCount())}
    assert segments["张伟"] == "VIP" and segments["章明"] == "私行" and segments["张敏"] == "普通"
    assert model.index(0, COL_MATCH).data() == "拼音"


def test_sort_by_name_is_pinyin_order_and_other_columns_are_refused(people):
    model = CustomerTableModel()
    model.set_query("zhang")
    model.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    names = _names(model)
    assert names == ["张敏", "章明", "张伟"]  # zhangmin < zhangming < zhangwei, whatever the character
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert _names(model) == names[::-1]
    model.sort(COL_PHONE, Qt.SortOrder.AscendingOrder)  # not in the allow-list: nothing happens
    assert _names(model) == names[::-1] and model.sort_column == COL_NAME
    model.sort(RANK)
    assert model.sort_column == RANK


def test_sort_by_last_contact_and_segment(people):
    model = CustomerTableModel()
    model.set_query("zhang")
    model.sort(COL_LAST_CONTACT, Qt.SortOrder.DescendingOrder)
    assert _names(model)[0] == "张敏"  # the only one ever contacted; never-contacted go last
    model.sort(COL_SEGMENT, Qt.SortOrder.AscendingOrder)
    assert _names(model)[:2] == ["章明", "张伟"]  # private banking, then VIP, then standard


def test_sorting_keeps_the_selected_customer_selected(people):
    model = CustomerTableModel()
    model.set_query("zhang")
    row = _names(model).index("章明")
    kept = QPersistentModelIndex(model.index(row, COL_PHONE))
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert kept.isValid() and kept.column() == COL_PHONE
    assert model.index(kept.row(), COL_NAME).data() == "章明"


def test_refresh_rows_rereads_a_changed_customer(people):
    model = CustomerTableModel()
    model.set_query("张伟")
    assert model.index(0, COL_NAME).data() == "张伟"
    Customer.update(segment="private").where(Customer.id == people["张伟"]).execute()
    assert model.index(0, COL_SEGMENT).data() == "VIP"  # still the cached page
    changed = []
    model.dataChanged.connect(lambda top, bottom, roles=(): changed.append((top.row(), bottom.row())))
    assert model.refresh_rows([people["张伟"], 999999]) == [999999]
    assert changed == [(0, 0)]
    assert model.index(0, COL_SEGMENT).data() == "Private"
    assert model.index(0, COL_SEGMENT).data(Qt.ItemDataRole.ToolTipRole) == "Private banking customer"


def test_an_empty_query_lists_nobody_and_touches_no_database(people):
    model = CustomerTableModel()
    with count_queries() as counter:
        model.set_query("   ")
    assert model.rowCount() == 0 and counter.count == 0 and not model.truncated


@pytest.fixture
def many_zhang(storage) -> int:
    count = 0
    for i, a in enumerate(GIVEN):
        for b in GIVEN[:10]:
            _make(f"张{a}{b}", f"135{i:04d}{count:04d}")
            count += 1
    return count


def test_a_page_is_fetched_with_one_query_not_one_per_row(many_zhang):
    model = CustomerTableModel()
    model.set_query("张")
    assert model.rowCount() == many_zhang > 2 * PAGE_SIZE
    with count_queries() as first_page:
        names = [model.index(row, COL_NAME).data() for row in range(PAGE_SIZE)]
        [model.index(row, col).data() for row in range(PAGE_SIZE) for col in range(model.columnCount())]
    assert first_page.count == 1
    assert all(name.startswith("张") for name in names)
    with count_queries() as flags_only:
        [model.flags(model.index(row, 0)) for row in range(model.rowCount())]
        [model.index(row, 0).data(CustomerIdRole) for row in range(model.rowCount())]
    assert flags_only.count == 0
    with count_queries() as third_page:
        [model.index(row, COL_NAME).data() for row in range(2 * PAGE_SIZE, model.rowCount())]
    assert third_page.count == 1
    assert model.cached_pages() == [0, 2]


# --- behaviour that needs more rows than a test database should hold: a fake source -------------------

class FakeSource:
    def __init__(self, total: int, max_ids: int = 2000) -> None:
        self.total = total
        self.row_calls: list[list[int]] = []
        self.source = CustomerSearchSource(ids=self.ids, matches=lambda text: {}, rows=self.rows,
                                           search=lambda text, limit: [], max_ids=max_ids)

    def ids(self, text: str, sort: str, descending: bool) -> list[int]:
        ids = list(range(1, self.total + 1))
        return ids[::-1] if descending else ids

    def rows(self, ids) -> dict[int, SearchHit]:
        self.row_calls.append(list(ids))
        return {i: SearchHit(i, f"客户{i}", "138****0000", "standard", None, "") for i in ids}


def test_cache_keeps_at_most_32_pages_least_recently_used_out():
    fake = FakeSource(5000, max_ids=5000)
    model = CustomerTableModel(fake.source)
    model.set_query("x")
    for page in range(MAX_PAGES + 5):
        model.index(page * PAGE_SIZE, COL_NAME).data()
    assert len(model.cached_pages()) == MAX_PAGES
    assert model.cached_pages()[0] == 5
    model.index(5 * PAGE_SIZE + 1, COL_NAME).data()  # a hit refreshes page 5 and fetches nothing
    assert model.cached_pages()[-1] == 5 and len(fake.row_calls) == MAX_PAGES + 5
    assert all(len(call) == PAGE_SIZE for call in fake.row_calls)


def test_hitting_the_id_cap_marks_the_results_truncated():
    model = CustomerTableModel(FakeSource(2500).source)
    model.set_query("张")
    assert model.truncated and model.rowCount() == 2000
    model.set_query("张三丰")
    assert model.truncated
    small = CustomerTableModel(FakeSource(1999).source)
    small.set_query("张")
    assert not small.truncated and small.rowCount() == 1999


def test_a_failed_page_read_is_reported_and_leaves_the_rows_empty(qtbot):
    from crm.errors import StorageError

    def broken(ids):
        raise StorageError("pg_unreachable", url="postgresql://db/crm")

    fake = FakeSource(10)
    source = CustomerSearchSource(ids=fake.ids, matches=lambda t: {}, rows=broken, search=lambda t, n: [])
    model = CustomerTableModel(source)
    model.set_query("x")
    with qtbot.waitSignal(model.sig_fetch_failed) as blocker:
        assert model.index(0, COL_NAME).data() is None
    assert blocker.args[0].code == "pg_unreachable"
    assert model.index(0, 0).data(CustomerIdRole) == 1


def test_dates_follow_the_locale_and_today_shows_only_the_time():
    ts = dt.datetime(2024, 12, 31, 16, 30, tzinfo=dt.timezone.utc)
    local = QDateTime.fromSecsSinceEpoch(int(ts.timestamp()))
    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert format_last_contact(ts, chinese) == chinese.toString(local.date(), "yyyy/M/d")
    assert format_last_contact(ts, english) == english.toString(local.date(), "M/d/yyyy")  # never a 2-digit year
    assert format_last_contact(ts, chinese) != format_last_contact(ts, english)
    same_day = format_last_contact(ts, english, now=local.addSecs(60))
    assert same_day == english.toString(local.time(), QLocale.FormatType.ShortFormat)
    assert format_last_contact(None) == ""
