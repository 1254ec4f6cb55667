"""The lead file's cells without a database: formula neutralisation (property-based, CSV and XLSX), Chinese
text round-tripping byte for byte, BOM and line endings, name splitting and the fast mobile mask."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheet_files import TRIGGERS, read_csv, read_xlsx

from crm.exports import leads as lead_export
from crm.exports import sheets
from crm.exports.leads import LeadRecord, neutralise, split_name, write_rows
from crm.identifiers import mask_phone


@given(st.lists(st.text(alphabet=st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\x00", "\x1f", "\n", "\ufffe",
                                                   "a", "张", "1", " "]), max_size=6), max_size=8))
def test_safe_row_is_safe_cell_on_every_cell(row):
    """The row-wide shortcut never lets through what safe_cell would change."""
    assert list(sheets.safe_row(row)) == [sheets.safe_cell(v) for v in row]


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+8613812345678", "'+8613812345678"), ("-5", "'-5"), ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\tcmd", "'\tcmd"), ("\r=2", "'\r=2"), ("", ""), ("张三", "张三"), ("1-2", "1-2"), ("a=b", "a=b"),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


@pytest.mark.parametrize(("name", "parts"), [
    ("张三丰", ("张", "三丰")), ("欧阳修", ("欧阳", "修")), ("司马相如", ("司马", "相如")), ("王五", ("王", "五")),
    ("John Smith", ("Smith", "John")), ("Mary Ann Lee", ("Lee", "Mary Ann")), ("Madonna", ("Madonna", "")),
    ("  李  四 ", ("四", "李")), ("", ("", "")),
])
def test_split_name(name, parts):
    assert split_name(name) == parts


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_fast_mobile_mask_matches_mask_phone(number):
    from crm.identifiers import MaskPolicy

    for policy in (MaskPolicy(), MaskPolicy.from_mapping({"mobile": [2, 2]}), MaskPolicy.from_mapping(
            {"mobile": {"keep_start": 0, "keep_end": 4, "fill": "#"}})):
        assert lead_export._Mobile(policy)(number) == mask_phone(number, policy)


def record(i: int, **kw) -> LeadRecord:
    base = dict(lead_id=i, created="2026-11-23", product_code="LCD-2026-01", product_name_zh="大额存单",
                product_name_en="Large CD", category="large_cd", customer_name="张三丰", mobile_masked="138****5678",
                channel="phone", referrer="李客服", dual_recording=False, flags=(), note="想了解利率")
    return LeadRecord(**(base | kw))


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
TEXT = st.text(st.one_of(CJK, st.characters(codec="utf-8", exclude_categories=("Cs",)),
                         st.sampled_from(list("=+-@\t\r\n'\"，、 _x000D"))), max_size=30)


def expected_cell(value: str) -> str:
    value = value.translate(sheets._CONTROL)
    return "'" + value if value[:1] in TRIGGERS else value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(TEXT, min_size=1, max_size=5), notes=st.lists(TEXT, min_size=1, max_size=5))
def test_no_cell_is_a_formula_and_chinese_round_trips(tmp_path, names, notes):
    pairs = enumerate(zip(names, notes, strict=False), 1)
    rows = [record(i, customer_name=n, note=t, referrer=t[::-1]) for i, (n, t) in pairs]
    out_csv, out_xlsx = tmp_path / "p.csv", tmp_path / "p.xlsx"
    write_rows(out_csv, rows, fmt="csv", profile="generic")
    write_rows(out_xlsx, rows, fmt="xlsx", profile="generic")
    from_csv = read_csv(out_csv)[1:]
    from_xlsx, types = read_xlsx(out_xlsx)
    assert types <= {"s"}  # strings only: never a formula ('f'), never a number
    for got in (from_csv, from_xlsx[1:]):
        assert len(got) == len(rows)
        for row, rec in zip(got, rows, strict=True):
            assert not [c for c in row if c.startswith(TRIGGERS)]
            assert row[5] == expected_cell(rec.customer_name)
            assert row[11] == expected_cell(rec.note)
            assert row[8] == expected_cell(rec.referrer)


def test_pure_writer_bom_and_line_endings(tmp_path):
    rows = [record(1, note="第一行\n第二行"), record(2, customer_name="李四, Jr.")]
    write_rows(tmp_path / "bom.csv", rows, fmt="csv", profile="generic")
    write_rows(tmp_path / "plain.csv", rows, fmt="csv", profile="generic", bom=False)
    with_bom, plain = (tmp_path / "bom.csv").read_bytes(), (tmp_path / "plain.csv").read_bytes()
    assert with_bom.startswith(b"\xef\xbb\xbf") and not plain.startswith(b"\xef\xbb\xbf")
    assert with_bom[3:] == plain
    assert plain.count(b"\r\n") == 3 and b'"\xe7\xac\xac\xe4\xb8\x80\xe8\xa1\x8c\n' in plain  # the note's LF quoted
    assert read_csv(tmp_path / "plain.csv", "utf-8")[2][5] == "李四, Jr."
