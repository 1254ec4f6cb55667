"""Detection rules files (crm.detection_rules): the shipped files pass the strict check, custom files load, and a
broken file gives an error naming the file, line, rule and reason. No database, no Qt."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from rule_files import ESCALATION, FRAUD_RULE, OPP_RULE, load, rules_of

from crm import paths
from crm.codes import ProductCategory
from crm.detection import Detector
from crm.detection_rules import RulesError


def catalogue_codes() -> set[str]:
    """Product codes of the default catalogue (resources/products.toml, the demo's catalogue too)."""
    try:
        from crm.demo.catalog import PRODUCTS  # older layout: the catalogue as a tuple in the demo

        return {row[0] for row in PRODUCTS}
    except ImportError:
        from crm.services.products import load_catalogue

        return {p.code for p in load_catalogue()}


# --- the shipped files ----------------------------------------------------------------------------

def test_shipped_files_load_with_a_useful_number_of_rules(det):
    assert 25 <= len(det.rules("opportunity")) <= 40
    assert len(det.rules("fraud")) >= 12
    phrases = tomllib.loads(paths.resource("rules", "complaint_escalation.toml").read_text("utf-8"))["phrase"]
    assert len(det.rules("escalation")) == len(phrases)
    for info in det.rules("opportunity") + det.rules("fraud"):
        assert info.explanation_zh and info.explanation_en and info.line
    for info in det.rules("fraud"):
        assert info.script_zh and info.script_en, info.id


def test_opportunity_products_exist_in_the_catalogue(det):
    codes = catalogue_codes()
    assert codes
    for info in det.rules("opportunity"):
        assert info.products, info.id
        assert set(info.products) <= codes, (info.id, set(info.products) - codes)
        assert info.category in {c.value for c in ProductCategory}
    # Loading with the catalogue's codes is the strict check callers can ask for.
    Detector.load(products=codes)


# --- custom files and validation ------------------------------------------------------------------

def error(tmp_path: Path, **texts) -> dict:
    with pytest.raises(RulesError) as caught:
        load(tmp_path, **texts)
    assert caught.value.code == "bad_rules"
    assert str(caught.value).startswith("bad_rules (")
    return caught.value.details


def test_custom_files_load_and_per_rule_negation_flags(tmp_path):
    det = load(tmp_path, opportunities=OPP_RULE + 'negation = false\n',
               fraud=FRAUD_RULE + 'negation = true\n')
    assert rules_of(det.detect("没有出国打算")) == ["opp.a"]
    assert det.detect("没有安全账户") == []
    det = load(tmp_path)
    assert det.detect("没有出国打算") == [] and rules_of(det.detect("没有安全账户")) == ["fraud.a"]


def test_negation_words_and_windows_come_from_the_file(tmp_path):
    det = load(tmp_path, opportunities='[negation]\nzh = ["莫"]\nen = []\nwindow_zh = 2\n' + OPP_RULE)
    assert det.detect("莫出国") == [] and det.detect("莫要去出国") != [] and det.detect("不出国") != []


def test_disabled_rules_are_not_loaded(tmp_path):
    det = load(tmp_path, opportunities=OPP_RULE + "enabled = false\n")
    assert det.rules("opportunity") == [] and det.detect("出国") == []


def test_file_wide_exclusions_apply_to_every_rule_of_the_file(tmp_path):
    det = load(tmp_path, opportunities='exclude = ["投诉"]\n' + OPP_RULE)
    assert det.detect("客户投诉出国手续") == [] and det.detect("客户投诉。出国手续") != []


def test_syntax_error_names_the_line(tmp_path):
    details = error(tmp_path, opportunities=OPP_RULE + "\n[[rule]\nid = 1\n")
    assert details["reason"] == "toml_syntax" and details["line"] == 10
    assert details["file"].endswith("opportunities.toml")


@pytest.mark.parametrize(("extra", "reason", "field", "line"), [
    ('colour = "red"\n', "unknown_key", "colour", 9),
    ('exclude = ["", "x"]\n', "empty_phrase", "exclude", 9),
    ('regex = ["(unclosed"]\nanchors = ["出"]\n', "bad_regex", "regex", 9),
    ('regex = ["a*"]\nanchors = ["a"]\n', "regex_matches_empty", "regex", 9),
    ('regex = ["出国+"]\n', "regex_needs_anchor", "anchors", 2),
    ('negation = "yes"\n', "bad_type", "negation", 9),
])
def test_rule_errors_name_the_rule_and_line(tmp_path, extra, reason, field, line):
    details = error(tmp_path, opportunities=OPP_RULE + extra)
    assert (details["reason"], details["rule"], details["field"], details["line"]) == (reason, "opp.a", field, line)


def test_bad_regex_says_why(tmp_path):
    details = error(tmp_path, opportunities=OPP_RULE + 'regex = ["(unclosed"]\nanchors = ["出"]\n')
    assert "missing )" in details["error"] and details["pattern"] == "(unclosed"


@pytest.mark.parametrize(("remove", "reason", "field"), [
    ('zh = ["出国"]\n', "missing_phrases", "zh"),
    ('explanation_zh = "说明"\n', "missing_explanation", "explanation_zh"),
    ('explanation_en = "Explanation"\n', "missing_explanation", "explanation_en"),
    ('category = "fx"\n', "missing_category", "category"),
    ('products = ["FX-CASH"]\n', "missing_products", "products"),
])
def test_missing_keys(tmp_path, remove, reason, field):
    details = error(tmp_path, opportunities=OPP_RULE.replace(remove, ""))
    assert (details["reason"], details["rule"], details["field"]) == (reason, "opp.a", field)
    assert details["line"] in (2, 3, 4, 5, 6, 7, 8)


def test_missing_id_names_the_rule_by_position(tmp_path):
    details = error(tmp_path, opportunities=OPP_RULE + OPP_RULE.replace('id = "opp.a"\n', ""))
    assert (details["reason"], details["rule"], details["line"]) == ("missing_id", "#2", 10)


def test_duplicate_ids_name_both_lines(tmp_path):
    details = error(tmp_path, opportunities=OPP_RULE + "\n" + OPP_RULE)
    assert (details["reason"], details["rule"], details["line"], details["first_line"]) == \
        ("duplicate_id", "opp.a", 11, 2)
    details = error(tmp_path, fraud=FRAUD_RULE.replace("fraud.a", "opp.a"))
    assert details["reason"] == "duplicate_id" and details["first_file"].endswith("opportunities.toml")


def test_unknown_category_and_product(tmp_path):
    details = error(tmp_path, opportunities=OPP_RULE.replace('"fx"', '"forex"'))
    assert (details["reason"], details["rule"], details["line"], details["value"]) == \
        ("unknown_category", "opp.a", 4, "forex")
    with pytest.raises(RulesError) as caught:
        load(tmp_path, products={"CB-STUDY"})
    assert (caught.value.details["reason"], caught.value.details["value"], caught.value.details["line"]) == \
        ("unknown_product", "FX-CASH", 5)


def test_empty_phrase_and_wrong_types(tmp_path):
    details = error(tmp_path, opportunities=OPP_RULE.replace('zh = ["出国"]', 'zh = ["出国", "  "]'))
    assert (details["reason"], details["field"], details["line"]) == ("empty_phrase", "zh", 6)
    details = error(tmp_path, opportunities=OPP_RULE.replace('zh = ["出国"]', 'zh = "出国"'))
    assert (details["reason"], details["field"]) == ("bad_type", "zh")


def test_fraud_rules_need_scripts_and_take_no_products(tmp_path):
    details = error(tmp_path, fraud=FRAUD_RULE.replace('script_en = "Dissuade"\n', ""))
    assert (details["reason"], details["rule"], details["field"]) == ("missing_script", "fraud.a", "script_en")
    details = error(tmp_path, fraud=FRAUD_RULE + 'products = ["FX-CASH"]\n')
    assert (details["reason"], details["field"], details["line"]) == ("unknown_key", "products", 9)


def test_top_level_errors(tmp_path):
    details = error(tmp_path, opportunities='excludes = ["x"]\n' + OPP_RULE)
    assert (details["reason"], details["field"], details["line"]) == ("unknown_key", "excludes", 1)
    details = error(tmp_path, opportunities='[negation]\nwindow_zh = -1\n' + OPP_RULE)
    assert (details["reason"], details["field"], details["line"]) == ("bad_negation", "negation.window_zh", 1)
    details = error(tmp_path, opportunities='[negation]\nzz = 1\n' + OPP_RULE)
    assert (details["reason"], details["field"]) == ("unknown_key", "negation.zz")


def test_escalation_file_errors(tmp_path):
    details = error(tmp_path, escalation=ESCALATION + '\n[[phrase]]\ntext = "律师"\npriority = "very"\n')
    assert (details["reason"], details["rule"], details["line"]) == ("bad_priority", "escalation:律师", 6)
    details = error(tmp_path, escalation=ESCALATION + '\n[[phrase]]\ntext = " "\n')
    assert (details["reason"], details["rule"], details["line"]) == ("empty_phrase", "#2", 6)
    details = error(tmp_path, escalation=ESCALATION + ESCALATION)
    assert (details["reason"], details["line"], details["first_line"]) == ("duplicate_id", 6, 2)


def test_unreadable_file(tmp_path):
    with pytest.raises(RulesError) as caught:
        Detector.load(opportunities=tmp_path / "missing.toml")
    assert caught.value.details["reason"] == "unreadable"
