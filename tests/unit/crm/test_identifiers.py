"""Tests for crm.identifiers: resident IDs, phones, cards, masking, C3 detection, age."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm.errors import ValidationError
from crm.identifiers import (
    AuthDataHit,
    MaskPolicy,
    MaskRule,
    age_on,
    caller_digits,
    card_luhn_ok,
    digits_only,
    find_auth_data,
    id_birth_date,
    id_gender,
    is_elderly,
    is_mainland_mobile,
    mask_card,
    mask_email,
    mask_id_number,
    mask_identifiers_in_text,
    mask_phone,
    normalize_card,
    normalize_phone,
    normalize_resident_id,
    to_halfwidth,
)

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_PROVINCES = ("11", "12", "31", "32", "33", "44", "50", "51", "65", "81")


def gb11643_check(first17: str) -> str:
    """The check digit computed straight from the standard, independent of stdnum."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def make_id(province: str, area: str, born: date, seq: int) -> str:
    body = f"{province}{area}{born:%Y%m%d}{seq:03d}"
    return body + gb11643_check(body)


valid_ids = st.builds(
    make_id,
    st.sampled_from(_PROVINCES),
    st.from_regex(r"\A[0-9]{4}\Z"),
    st.dates(date(1900, 1, 1), date(2020, 12, 31)),
    st.integers(0, 999),
)


def reason_of(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return exc.value.details["reason"]


# ---------------------------------------------------------------- basics

def test_halfwidth_and_digits_only():
    assert to_halfwidth("１３８ＡＢＣ　") == "138ABC "
    assert digits_only("+86 １３８-1234") == "861381234"


# ---------------------------------------------------------------- resident ID

def test_standard_example_id_normalises_from_messy_input():
    assert normalize_resident_id(" １１０１０５ 1949 1231 002ｘ ") == "11010519491231002X"
    assert id_birth_date("11010519491231002x") == date(1949, 12, 31)
    assert id_gender("11010519491231002X") == "F"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("11010519491231002", "length"),
        ("110105194912310021X", "length"),
        ("1101051949123100AX", "format"),
        ("00010519491231002X", "region"),
        ("110105194912310021", "checksum"),
    ],
)
def test_invalid_ids_report_a_reason(text, reason):
    with pytest.raises(ValidationError) as exc:
        normalize_resident_id(text, field="holder_id")
    assert exc.value.code == "invalid_id_number"
    assert exc.value.details["field"] == "holder_id"
    assert reason_of(exc) == reason


def test_impossible_or_future_birth_date_is_rejected():
    body = "11010519490231002"  # 31 February
    with pytest.raises(ValidationError) as exc:
        normalize_resident_id(body + gb11643_check(body))
    assert reason_of(exc) == "birth_date"
    tomorrow = date(2030, 1, 2)
    future = make_id("11", "0105", tomorrow, 1)
    with pytest.raises(ValidationError) as exc:
        normalize_resident_id(future, today=date(2030, 1, 1))
    assert reason_of(exc) == "birth_date"
    assert normalize_resident_id(future, today=tomorrow) == future


@given(valid_ids)
def test_valid_ids_normalise_and_yield_birth_date_and_gender(id_number):
    assert normalize_resident_id(id_number.lower()) == id_number
    assert id_birth_date(id_number).strftime("%Y%m%d") == id_number[6:14]
    assert id_gender(id_number) == ("M" if int(id_number[16]) % 2 else "F")


@given(valid_ids, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_changing_any_one_character_makes_the_id_invalid(id_number, position, replacement):
    if id_number[position] == replacement or (replacement == "X" and position != 17):
        return
    changed = id_number[:position] + replacement + id_number[position + 1:]
    with pytest.raises(ValidationError) as exc:
        normalize_resident_id(changed)
    assert exc.value.code == "invalid_id_number"


# ---------------------------------------------------------------- phones

@pytest.mark.parametrize(
    "text",
    ["+86 138-1234-5678", "8613812345678", "008613812345678", "138 1234 5678", "１３８１２３４５６７８",
     "(+86) 138.1234.5678"],
)
def test_mobile_formats_normalise_to_eleven_digits(text):
    assert normalize_phone(text) == "13812345678"


def test_landlines_keep_their_area_code():
    assert normalize_phone("010-12345678") == "01012345678"
    assert normalize_phone("0571 8888 8888") == "057188888888"


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "format"), ("abc", "format"), ("12345", "invalid"), ("+852 9123 4567", "not_mainland"),
     ("1381234567", "invalid")],
)
def test_invalid_phones(text, reason):
    with pytest.raises(ValidationError) as exc:
        normalize_phone(text, field="contact_phone")
    assert exc.value.code == "invalid_phone"
    assert exc.value.details == {"field": "contact_phone", "reason": reason}


def test_is_mainland_mobile():
    assert is_mainland_mobile("13812345678")
    assert is_mainland_mobile("+86 199 1234 5678")
    assert not is_mainland_mobile("01012345678")
    assert not is_mainland_mobile("12345678901")
    assert not is_mainland_mobile("")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("+86 138-1234-5678", "13812345678"), ("008613812345678", "13812345678"),
     ("8613812345678", "13812345678"), ("013812345678", "13812345678"), ("010-1234 5678", "01012345678"),
     ("95588", "95588"), ("86123", "86123")],
)
def test_caller_digits(text, expected):
    assert caller_digits(text) == expected


# ---------------------------------------------------------------- cards

def test_card_normalisation_and_luhn():
    assert normalize_card("6222 0212-3456 7890") == "6222021234567890"
    assert normalize_card("４１１１１１１１１１１１１１１１") == "4111111111111111"
    assert card_luhn_ok("4111 1111 1111 1111")
    assert not card_luhn_ok("4111111111111112")


@pytest.mark.parametrize(("text", "reason"), [("12345678901", "length"), ("1" * 20, "length"),
                                              ("6222 0212 3456 789A", "format")])
def test_invalid_cards(text, reason):
    with pytest.raises(ValidationError) as exc:
        normalize_card(text)
    assert exc.value.code == "invalid_card_number"
    assert exc.value.details == {"field": "card_number", "reason": reason}


def test_a_failed_luhn_is_not_an_error():
    assert normalize_card("4111111111111112") == "4111111111111112"


# ---------------------------------------------------------------- masking

def test_default_masks():
    assert mask_phone("+86 138-1234-5678") == "138****5678"
    assert mask_id_number("11010519491231002x") == "110***********002X"
    assert len(mask_id_number("110105194912311234")) == 18
    assert mask_card("6222021234561234") == "**** **** **** 1234"
    assert mask_card("6222021234567890123") == "*** **** **** **** 0123"
    assert mask_email("zhangsan@example.com") == "z***@example.com"
    assert mask_email("a@example.com") == "***@example.com"


def test_short_values_are_never_shown_whole():
    assert mask_phone("95588") == "****8"
    assert mask_phone("1234") == "****"
    assert mask_phone("") == ""


def test_policy_from_mapping_accepts_less_revealing_rules():
    policy = MaskPolicy.from_mapping(
        {"mobile": {"keep_start": 3, "keep_end": 2, "fill": "#"}, "card": [0, 3], "email": MaskRule(0, 0)}
    )
    assert mask_phone("13812345678", policy) == "138######78"
    assert mask_card("6222021234561234", policy) == "**** **** **** *234"
    assert mask_email("zhangsan@example.com", policy) == "***@example.com"
    assert policy.id_number == MaskRule(3, 4)


@pytest.mark.parametrize(
    "mapping",
    [{"mobile": {"keep_start": 4, "keep_end": 4}}, {"mobile": [0, 5]}, {"card": [6, 4]},
     {"id_number": {"keep_start": 6, "keep_end": 0}}, {"email": [2, 0]}],
)
def test_policy_rejects_more_revealing_rules(mapping):
    with pytest.raises(ValidationError) as exc:
        MaskPolicy.from_mapping(mapping)
    assert exc.value.code == "mask_too_revealing"
    assert exc.value.details["field"] == next(iter(mapping))


@pytest.mark.parametrize(
    ("mapping", "code"),
    [({"phone": [3, 4]}, "unknown_mask_field"), ({"mobile": [3, -1]}, "invalid_mask_rule"),
     ({"mobile": [3, 4, "5"]}, "invalid_mask_rule"), ({"mobile": [3, 4, ""]}, "invalid_mask_rule"),
     ({"mobile": [True, 4]}, "invalid_mask_rule"), ({"mobile": {"keep": 3}}, "invalid_mask_rule"),
     ({"mobile": "3,4"}, "invalid_mask_rule")],
)
def test_policy_rejects_malformed_rules(mapping, code):
    with pytest.raises(ValidationError) as exc:
        MaskPolicy.from_mapping(mapping)
    assert exc.value.code == code


rules = st.builds(
    lambda ks, ke, which: (which, MaskRule(ks, ke, "*")),
    st.integers(0, 3), st.integers(0, 4), st.sampled_from(["mobile", "id_number", "card"]),
)


@given(rules, st.from_regex(r"\A[0-9]{0,25}\Z"))
def test_masking_never_reveals_more_than_the_rule_allows(which_rule, value):
    which, rule = which_rule
    if which == "card":
        rule = MaskRule(0, rule.keep_end)
    policy = MaskPolicy(**{which: rule})
    masked = {"mobile": mask_phone, "id_number": mask_id_number, "card": mask_card}[which](value, policy)
    shown = [ch for ch in masked if ch not in "* "]
    assert len(shown) <= rule.keep_start + rule.keep_end
    if value:
        assert masked.count("*") >= min(4, len(value))


# ---------------------------------------------------------------- masking in free text

def test_mask_identifiers_in_text():
    text = ("客户13812345678来电，+86 138 1234 5678，身份证11010519491231002X，"
            "卡号6222 0212 3456 7890，卡6222021234567890123，１３８１２３４５６７８，金额50000元")
    assert mask_identifiers_in_text(text) == (
        "客户138****5678来电，+86 138 **** 5678，身份证110***********002X，"
        "卡号**** **** **** 7890，卡***************0123，１３８****５６７８，金额50000元"
    )


def test_mask_identifiers_leaves_ordinary_numbers_alone():
    text = "2024-05-01 10:30:00 转账限额 50000，订单 1234567890，工号 A12345"
    assert mask_identifiers_in_text(text) == text


identifier_pieces = st.one_of(
    valid_ids,
    st.from_regex(r"\A1[3-9][0-9]{9}\Z"),
    st.from_regex(r"\A(\+86 ?|0086|86)?1[3-9][0-9] ?[0-9]{4} ?[0-9]{4}\Z"),
    st.from_regex(r"\A[0-9]{12,19}\Z"),
    st.from_regex(r"\A[0-9]{4}( [0-9]{4}){3}\Z"),
    st.text(alphabet="0123456789１２３ -+Xx客户电话卡号,，a\n", max_size=30),
)


@given(st.lists(identifier_pieces, max_size=6).map("".join))
def test_masked_text_contains_no_eleven_digit_run(text):
    assert not re.search(r"\d{11}", mask_identifiers_in_text(text))


@given(st.text())
def test_masked_arbitrary_text_contains_no_eleven_digit_run(text):
    assert not re.search(r"\d{11}", mask_identifiers_in_text(text))


# ---------------------------------------------------------------- C3 detector

@pytest.mark.parametrize(
    ("text", "kind", "secret"),
    [
        ("密码是123456", "pin", "123456"),
        ("取款密码 888888", "pin", "888888"),
        ("验证码：482913", "sms_code", "482913"),
        ("短信验证码是 4829", "sms_code", "4829"),
        ("CVV 123", "cvn", "123"),
        ("安全码123", "cvn", "123"),
        ("卡背后三位 123", "cvn", "123"),
        ("PIN 1234", "pin", "1234"),
        ("password: abc123", "password", "abc123"),
        ("my code is 482913", "sms_code", "482913"),
        ("有效期 12/28", "card_expiry", "12/28"),
        ("客户说密码是１２３４５６，请核实", "pin", "１２３４５６"),
        ("动态密码 123456", "sms_code", "123456"),
        ("交易密码设置为654321了", "pin", "654321"),
        ("登录密码 Abc12345", "password", "Abc12345"),
        ("卡片有效期至2028年12月", "card_expiry", "2028年12月"),
        ("exp 09/2027", "card_expiry", "09/2027"),
        ("CVN2: 456", "cvn", "456"),
    ],
)
def test_auth_data_is_found(text, kind, secret):
    hits = find_auth_data(text)
    assert len(hits) == 1
    assert hits[0].kind == kind
    assert text[hits[0].start:hits[0].end].endswith(secret)


@pytest.mark.parametrize(
    "text",
    [
        "客户询问密码重置流程",
        "客户忘记密码，指导其到网点重置",
        "验证码收不到",
        "transfer limit 50000",
        "密码错误3次已锁定",
        "验证码5分钟内有效",
        "客户修改密码后于2024年1月来电",
        "身份证有效期至2030年12月",
        "产品有效期至2030-01-01",
        "邮编 100000",
        "zip code 100000, error code 5001",
        "客户手机13812345678，卡号尾号1234",
        "密码器 2023款",
        "验证码60秒后重发",
        "客户想了解 pinyin 输入法 2024",
    ],
)
def test_ordinary_notes_are_not_flagged(text):
    assert find_auth_data(text) == []


def test_several_hits_are_returned_in_order_without_overlap():
    text = "客户报了卡号和CVV 123，又说验证码：482913"
    hits = find_auth_data(text)
    assert [h.kind for h in hits] == ["cvn", "sms_code"]
    assert hits[0].end <= hits[1].start
    assert isinstance(hits[0], AuthDataHit)


# ---------------------------------------------------------------- age

def test_age_and_elderly_threshold():
    born = date(1964, 6, 15)
    assert age_on(born, date(2024, 6, 14)) == 59
    assert age_on(born, date(2024, 6, 15)) == 60
    assert not is_elderly(born, date(2024, 6, 14))
    assert is_elderly(born, date(2024, 6, 15))
    assert is_elderly(born, date(2024, 6, 14), threshold_years=55)
    leap = date(1964, 2, 29)
    assert age_on(leap, date(2023, 2, 28)) == 58
    assert age_on(leap, date(2023, 3, 1)) == 59


@given(st.dates(date(1900, 1, 1), date(2020, 1, 1)), st.integers(0, 40000))
def test_age_grows_by_one_each_birthday(born, days):
    today = born + timedelta(days=days)
    assert 0 <= age_on(born, today) <= days // 365


# ---------------------------------------------------------------- start-up cost

def test_importing_does_not_load_heavy_validators():
    code = "import sys, crm.identifiers; print('phonenumbers' in sys.modules, 'stdnum' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
