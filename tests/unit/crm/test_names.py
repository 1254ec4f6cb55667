"""Tests for crm.names: folding, pinyin keys with surname readings, sort keys, query parsing."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm.names import NameKeys, NameQuery, fold, name_keys, name_keys_many, parse_query, pinyin_sort_key

_HAN = "张王李赵刘陈杨黄吴周徐孙马朱胡郭何林罗单曾解区仇朴查盖乐缪召覃尉万俟长欧阳司马伟芳娜秀英敏静丽強張陳劉黃趙單區"


def test_fold():
    assert fold("張三") == "张三"
    assert fold("  Ｚｈａｎｇ　　San ") == "zhang san"
    assert fold("單田芳") == "单田芳"
    assert fold("") == ""


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


def test_plain_name_keys():
    assert name_keys("张三") == NameKeys("zhangsan", "zs", (), ())
    assert name_keys("張三") == name_keys("张三")
    assert name_keys("ＺＨＡＮＧ三") == NameKeys("zhangsan", "zs", (), ())


@pytest.mark.parametrize(
    ("name", "pinyin", "initials", "alt", "alt_initials"),
    [
        ("单田芳", "shantianfang", "stf", "dantianfang", "dtf"),
        ("單田芳", "shantianfang", "stf", "dantianfang", "dtf"),
        ("曾国藩", "zengguofan", "zgf", "cengguofan", "cgf"),
        ("解缙", "xiejin", "xj", "jiejin", "jj"),
        ("区志强", "ouzhiqiang", "ozq", "quzhiqiang", "qzq"),
        ("仇英", "qiuying", "qy", "chouying", "cy"),
        ("朴槿惠", "piaojinhui", "pjh", "pujinhui", "pjh"),
        ("查良镛", "zhaliangyong", "zly", "chaliangyong", "cly"),
        ("盖叫天", "gejiaotian", "gjt", "gaijiaotian", "gjt"),
        ("乐嘉", "yuejia", "yj", "lejia", "lj"),
        ("缪斯", "miaosi", "ms", "mousi", "ms"),
        ("召忠", "shaozhong", "sz", "zhaozhong", "zz"),
        ("覃静", "qinjing", "qj", "tanjing", "tj"),
        ("万俟卨", "moqixie", "mqx", "wanqixie", "wqx"),
        ("尉迟恭", "yuchigong", "ycg", "weichigong", "wcg"),
    ],
)
def test_surname_readings_with_default_reading_as_alternative(name, pinyin, initials, alt, alt_initials):
    keys = name_keys(name)
    assert (keys.pinyin, keys.initials, keys.alt_pinyin) == (pinyin, initials, (alt,))
    # Initials only get an alternative when they differ (朴 piao/pu both start with p).
    assert keys.alt_initials == ((alt_initials,) if alt_initials != initials else ())


@pytest.mark.parametrize(
    ("name", "pinyin"),
    [("长孙无忌", "zhangsunwuji"), ("欧阳修", "ouyangxiu"), ("司马光", "simaguang"), ("诸葛亮", "zhugeliang"),
     ("上官婉儿", "shangguanwaner"), ("皇甫谧", "huangfumi"), ("令狐冲", "linghuchong"), ("宇文泰", "yuwentai"),
     ("东方朔", "dongfangshuo"), ("公孙瓒", "gongsunzan"), ("李长江", "lichangjiang")],
)
def test_compound_surnames_and_given_names(name, pinyin):
    assert name_keys(name).pinyin == pinyin


def test_surname_reading_applies_only_to_the_first_character():
    assert name_keys("王单").pinyin == "wangdan"
    assert name_keys("李曾").alt_pinyin == ()


def test_initials_and_alternatives_for_shan_tianfang():
    keys = name_keys("单田芳")
    assert keys == NameKeys("shantianfang", "stf", ("dantianfang",), ("dtf",))


def test_non_chinese_names_are_lowercase_letters():
    assert name_keys("John Smith") == NameKeys("johnsmith", "js", (), ())
    assert name_keys("José O'Neil").pinyin == "joseoneil"
    assert name_keys("吕布").pinyin == "lvbu"
    assert name_keys("阿卜杜拉·买买提").pinyin == "abudulamaimaiti"
    assert name_keys("") == NameKeys("", "", (), ())


@given(st.lists(st.text(alphabet=_HAN + " ·abcＡ", max_size=5), max_size=20))
def test_name_keys_many_matches_name_keys(names):
    assert name_keys_many(names) == [name_keys(n) for n in names]


def test_name_keys_many_handles_a_large_batch():
    names = [a + b + c for a in _HAN[:40] for b in _HAN[40:] for c in "伟芳娜"] * 3
    keys = name_keys_many(names)
    assert len(keys) == len(names)
    assert keys[0] == name_keys(names[0])


def test_pinyin_sort_order():
    names = ["章三", "梁朝伟", "李昂", "张四", "李", "单田芳", "John", "曾国藩", "张三", "阿杜"]
    assert sorted(names, key=pinyin_sort_key) == [
        "阿杜", "John", "李", "李昂", "梁朝伟", "单田芳", "曾国藩", "张三", "张四", "章三",
    ]


def test_sort_key_folds_traditional_input():
    assert pinyin_sort_key("張三") == pinyin_sort_key("张三")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张", NameQuery("hanzi", "张")),
        ("張 三", NameQuery("hanzi", "张三")),
        ("zhang s", NameQuery("pinyin", "zhangs", False)),
        ("ZS", NameQuery("pinyin", "zs", True)),
        ("zhan", NameQuery("pinyin", "zhan", True)),
        ("zhang", NameQuery("pinyin", "zhang", False)),
        ("xi'an", NameQuery("pinyin", "xian", True)),
        ("lü", NameQuery("pinyin", "lv", True)),
        ("138 1234", NameQuery("digits", "1381234")),
        ("１３８１２３４５６７８", NameQuery("digits", "13812345678")),
        ("+86 138-1234", NameQuery("digits", "861381234")),
        ("a@b.com", NameQuery("text", "a@b.com")),
        ("   ", NameQuery("empty", "")),
    ],
)
def test_parse_query(text, expected):
    assert parse_query(text) == expected


def test_importing_does_not_load_pinyin_or_opencc():
    code = "import sys, crm.names; print('pypinyin' in sys.modules, 'opencc' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_ascii_queries_do_not_load_opencc():
    code = "import sys, crm.names; crm.names.parse_query('zhang'); print('opencc' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False"]


def test_single_surname_wei_keeps_its_surname_reading():
    # 尉 alone is the surname Wèi (尉缭); only the compound 尉迟 reads yù.
    assert name_keys("尉缭").pinyin == "weiliao"
