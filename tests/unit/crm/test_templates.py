"""Answer templates on both backends: the default knowledge base, folded search, supervisor-only edits."""

from __future__ import annotations

import re
import textwrap

import pytest

from crm.codes import AuditAction, StaffRole
from crm.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from crm.models import AnswerTemplate, AuditLog, StaffUser
from crm.names import fold
from crm.services import templates

# Topics agents ask about every day; renaming one of these ids breaks stored references.
REQUIRED_IDS = {
    "mobile_banking_open", "login_password_reset", "card_loss_report", "account_unfreeze",
    "transfer_limits", "credit_card_billing", "credit_card_annual_fee", "overseas_card_use",
    "fx_purchase_quota", "cross_border_remittance", "large_cd", "wealth_risk_disclosure",
    "risk_assessment_renewal", "contact_info_change", "sms_alert", "account_opening_documents",
    "elderly_agent", "complaint_intake", "anti_fraud_dissuasion", "refund_scam", "mortgage_prepayment",
    "atm_card_retained", "deposit_certificate_statement", "account_closure",
}
PLACEHOLDERS = {"zh": {"客户称呼", "银行名称", "客服热线", "反馈时限", "工单编号"},
                "en": {"customer", "bank", "hotline", "deadline", "case_no"}}
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _staff(username: str, role: StaffRole) -> StaffUser:
    return StaffUser.create(username=username, display_name=username.title(), role=role)


@pytest.fixture
def supervisor(storage) -> StaffUser:
    return _staff("sup", StaffRole.SUPERVISOR)


@pytest.fixture
def agent(storage) -> StaffUser:
    return _staff("agent", StaffRole.AGENT)


# --- the default file -----------------------------------------------------------------------------

def test_defaults_cover_the_daily_topics_in_both_languages():
    rows = templates.load_defaults()
    by_id: dict[str, dict[str, dict]] = {}
    for row in rows:
        by_id.setdefault(row["id"], {})[row["language"]] = row
    assert len(by_id) >= 24 and REQUIRED_IDS <= set(by_id)
    for slug, languages in by_id.items():
        assert set(languages) == {"zh", "en"}, slug
        zh, en = languages["zh"], languages["en"]
        assert _HAN.search(zh["title"]) and _HAN.search(zh["body"]), slug
        assert not _HAN.search(en["title"]) and not _HAN.search(en["body"]), slug
        assert zh["category"] == en["category"] and zh["keywords"], slug
        for language, row in languages.items():
            assert set(templates.placeholders(row["body"])) <= PLACEHOLDERS[language], (slug, language)


def test_defaults_keep_the_safety_rules():
    rows = {(r["id"], r["language"]): r["body"] for r in templates.load_defaults()}
    assert "5天" in rows["card_loss_report", "zh"] and "书面挂失" in rows["card_loss_report", "zh"]
    assert "96110" in rows["anti_fraud_dissuasion", "zh"] and "安全账户" in rows["anti_fraud_dissuasion", "zh"]
    assert "不保本" in rows["wealth_risk_disclosure", "zh"]
    assert "never ask" in rows["login_password_reset", "en"]
    # Regulated figures are always hedged.
    assert "现行" in rows["fx_purchase_quota", "zh"] and "confirm" in rows["fx_purchase_quota", "en"]
    assert "现行" in rows["large_cd", "zh"] and "confirm" in rows["large_cd", "en"]


def _write(tmp_path, text: str):
    path = tmp_path / "templates.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD_ENTRY = """
[[template]]
id = "good_one"
category = "card"
keywords = ["挂失"]
zh = { title = "挂失", body = "正文" }
en = { title = "Lost card", body = "Body" }
"""


@pytest.mark.parametrize(("bad_entry", "field", "reason"), [
    ('id = "bad_one"\ncategory = "card"\nkeywords = []\nzh = { title = "标题", body = "正文" }\n'
     'en = { title = "Title" }\n', "en.body", "required"),
    ('id = "bad_one"\ncategory = "card"\nkeywords = []\nzh = { title = "", body = "正文" }\n'
     'en = { title = "Title", body = "Body" }\n', "zh.title", "required"),
    ('id = "bad_one"\ncategory = "card"\nkeywords = []\nzh = { title = "标题", body = "正文" }\n',
     "en", "missing"),
    ('id = "bad_one"\ncategory = "card"\nkeywords = []\nzh = { title = "标题", body = "正文" }\n'
     'en = { title = "Title", body = "Body" }\nfr = { title = "Titre", body = "Corps" }\n', "fr", "unknown_key"),
    ('id = "good_one"\ncategory = "card"\nkeywords = []\nzh = { title = "标题", body = "正文" }\n'
     'en = { title = "Title", body = "Body" }\n', "id", "duplicate"),
])
def test_a_broken_file_names_the_entry_and_line(tmp_path, bad_entry, field, reason):
    path = _write(tmp_path, GOOD_ENTRY + "\n[[template]]\n" + bad_entry)
    with pytest.raises(ValidationError) as err:
        templates.load_defaults(path)
    details = err.value.details
    assert err.value.code == "invalid_template_file"
    assert (details["field"], details["reason"]) == (field, reason)
    assert details["entry"] == ("good_one" if reason == "duplicate" else "bad_one")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[details["line"] - 1] == "[[template]]" and details["line"] > 2  # the second entry


def test_an_entry_without_id_is_named_by_position(tmp_path):
    path = _write(tmp_path, GOOD_ENTRY + '\n[[template]]\ncategory = "card"\n')
    with pytest.raises(ValidationError) as err:
        templates.load_defaults(path)
    assert err.value.details["entry"] == "#2" and err.value.details["field"] == "id"


def test_a_toml_syntax_error_gives_the_line(tmp_path):
    path = _write(tmp_path, GOOD_ENTRY + '\n[[template]]\nid = "oops\n')
    with pytest.raises(ValidationError) as err:
        templates.load_defaults(path)
    assert err.value.details["field"] == "syntax" and err.value.details["line"] == 10


def test_a_missing_file_is_a_validation_error(tmp_path):
    with pytest.raises(ValidationError) as err:
        templates.load_defaults(tmp_path / "nowhere.toml")
    assert err.value.details["field"] == "file" and err.value.details["reason"] == "not_found"


# --- storing the defaults -----------------------------------------------------------------------

def test_ensure_defaults_inserts_once(storage):
    expected = len(templates.load_defaults())
    assert templates.ensure_defaults() == expected
    assert templates.ensure_defaults() == 0
    assert AnswerTemplate.select().count() == expected
    imports = AuditLog.select().where((AuditLog.entity == templates.ENTITY)
                                      & (AuditLog.action == AuditAction.IMPORT))
    assert [row.detail["count"] for row in imports] == [expected]
    row = AnswerTemplate.get(AnswerTemplate.title == "银行卡挂失")
    assert (row.version, row.active, row.language) == (1, True, "zh")


def test_ensure_defaults_leaves_an_edited_knowledge_base_alone(storage, supervisor):
    templates.create(supervisor, "自建模板", "正文", "zh")
    assert templates.ensure_defaults() == 0
    assert AnswerTemplate.select().count() == 1


def test_a_broken_file_inserts_nothing(storage, tmp_path):
    path = _write(tmp_path, GOOD_ENTRY + '\n[[template]]\nid = "bad_one"\ncategory = "card"\n')
    with pytest.raises(ValidationError):
        templates.ensure_defaults(path=path)
    assert AnswerTemplate.select().count() == 0


# --- search -------------------------------------------------------------------------------------

@pytest.fixture
def defaults(storage):
    templates.ensure_defaults()


def test_search_finds_the_loss_report_in_chinese(defaults):
    hits = templates.search("挂失")
    assert hits[0].title == "银行卡挂失" and hits[0].language == "zh" and hits[0].category == "card"
    assert "Reporting a lost card" in [h.title for h in hits]  # its English twin, by keyword


def test_search_finds_the_loss_report_in_english_any_case_or_width(defaults):
    hits = templates.search("Lost Card")
    assert hits[0].title == "Reporting a lost card"
    assert "银行卡挂失" in [h.title for h in hits]
    assert [h.id for h in templates.search("ＬＯＳＴ　ＣＡＲＤ")] == [h.id for h in hits]


def test_search_folds_traditional_characters(defaults):
    simplified = templates.search("挂失")
    assert [h.id for h in templates.search("掛失")] == [h.id for h in simplified]
    assert templates.search("掛失", language="zh")[0].title == "银行卡挂失"


def test_title_matches_come_before_body_matches(defaults):
    hits = templates.search("挂失", language="zh")
    in_title = [fold("挂失") in fold(h.title) for h in hits]
    assert in_title[0] and not in_title[-1]  # both kinds are present…
    assert in_title == sorted(in_title, reverse=True)  # …and every title hit is ahead
    assert all(h.language == "zh" for h in hits)


def test_title_beats_body_whatever_the_insert_order(storage, supervisor):
    body_hit = templates.create(supervisor, "其他问题", "如卡片遗失请先办理挂失", "zh")
    keyword_hit = templates.create(supervisor, "补卡", "正文", "zh", keywords=["挂失"])
    title_hit = templates.create(supervisor, "挂失须知", "正文", "zh")
    templates.create(supervisor, "无关", "正文", "zh")
    assert [h.id for h in templates.search("挂失")] == [title_hit.id, keyword_hit.id, body_hit.id]


def test_every_word_must_match_somewhere(defaults):
    hits = templates.search("信用卡 年费")
    assert hits and hits[0].title == "信用卡年费及减免规则"
    assert templates.search("年费 zzzz") == []


def test_search_limit_and_empty_query(defaults):
    assert len(templates.search("", limit=5)) == 5
    assert len(templates.search("")) == templates.DEFAULT_LIMIT
    with pytest.raises(ValidationError) as err:
        templates.search("挂失", language="fr")
    assert err.value.details["field"] == "language"


# --- editing ------------------------------------------------------------------------------------

def test_an_agent_cannot_edit(storage, agent, supervisor):
    row = templates.create(supervisor, "挂失须知", "正文", "zh")
    with pytest.raises(PermissionDenied) as err:
        templates.update(agent, row.id, row.version, title="改了")
    assert err.value.code == "role_required" and err.value.details["role"] == "supervisor"
    for attempt in (lambda: templates.create(agent, "新模板", "正文", "zh"),
                    lambda: templates.deactivate(agent, row.id, row.version),
                    lambda: templates.create(None, "新模板", "正文", "zh")):
        with pytest.raises(PermissionDenied):
            attempt()
    assert templates.get(row.id) == row and AnswerTemplate.select().count() == 1


def test_a_supervisor_edits_with_audit(storage, supervisor):
    row = templates.create(supervisor, "  挂失须知 ", "正文", "zh", "card", "挂失 lost card 挂失")
    assert (row.title, row.keywords, row.version, row.active) == ("挂失须知", ("挂失", "lost", "card"), 1, True)
    updated = templates.update(supervisor, row.id, row.version, body="新正文", keywords=["补卡", "lost card"])
    assert (updated.body, updated.keywords, updated.version) == ("新正文", ("补卡", "lost", "card"), 2)
    assert AnswerTemplate.get_by_id(row.id).updated_by_id == supervisor.id
    gone = templates.deactivate(supervisor, row.id, updated.version)
    assert (gone.active, gone.version) == (False, 3)
    assert templates.search("挂失须知") == [] and templates.get(row.id).active is False
    actions = [(a.action, a.detail.get("fields")) for a in
               AuditLog.select().where(AuditLog.entity == templates.ENTITY).order_by(AuditLog.id)]
    assert actions == [("create", None), ("update", ["body", "keywords"]), ("update", ["active"])]


def test_an_admin_may_edit_too(storage):
    admin = _staff("root", StaffRole.ADMIN)
    row = templates.create(admin, "Title", "Body", "en")
    assert templates.update(admin, row.id, row.version, title="New title").title == "New title"


def test_a_stale_update_conflicts_and_keeps_the_first(storage, supervisor):
    row = templates.create(supervisor, "挂失须知", "正文", "zh")
    templates.update(supervisor, row.id, row.version, title="第一个保存")
    with pytest.raises(ConflictError) as err:
        templates.update(supervisor, row.id, row.version, title="第二个保存")
    assert err.value.details["current"] == 2
    assert templates.get(row.id).title == "第一个保存"


@pytest.mark.parametrize(("changes", "field", "code"), [
    ({"title": "  "}, "title", "required"),
    ({"title": "长" * 201}, "title", "too_long"),
    ({"body": ""}, "body", "required"),
    ({"language": "fr"}, "language", "invalid_choice"),
    ({"category": "c" * 65}, "category", "too_long"),
    ({"version": 9}, "version", "not_editable"),
])
def test_bad_edits_name_the_field_and_change_nothing(storage, supervisor, changes, field, code):
    row = templates.create(supervisor, "挂失须知", "正文", "zh")
    with pytest.raises(ValidationError) as err:
        templates.update(supervisor, row.id, row.version, **changes)
    assert (err.value.code, err.value.details["field"]) == (code, field)
    assert templates.get(row.id) == row


def test_create_validates_before_saving(storage, supervisor):
    with pytest.raises(ValidationError) as err:
        templates.create(supervisor, "标题" * 101, "正文", "zh")
    assert err.value.details == {"field": "title", "max": 200}
    assert templates.create(supervisor, "标" * 200, "正文", "zh").title == "标" * 200
    with pytest.raises(NotFound):
        templates.get(999_999)


# --- rendering ----------------------------------------------------------------------------------

def test_render_fills_known_placeholders_only():
    body = '{客户称呼}您好，请拨打{客服热线}。{unknown} {"json": 1} {customer}'
    assert (templates.render(body, 客户称呼="张先生", customer=None, other="x")
            == '张先生您好，请拨打{客服热线}。{unknown} {"json": 1} {customer}')
    assert templates.render("Dear {customer}", customer="Ms Li") == "Dear Ms Li"
    assert templates.render("{body}", body="x") == "x"  # a placeholder may share the argument's name
    assert templates.placeholders(body) == ("客户称呼", "客服热线", "unknown", "customer")
