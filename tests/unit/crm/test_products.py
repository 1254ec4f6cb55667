"""The product catalogue: the shipped file, its validation (line + product code), syncing it into the database
idempotently, and administrators' edits."""

from __future__ import annotations

import pytest

from crm.codes import AuditAction, ProductCategory, StaffRole
from crm.errors import ConflictError, PermissionDenied, ValidationError
from crm.models import AuditLog, Product, StaffUser
from crm.services import products

GOOD = """\
# a comment
[[product]]
code = "DEP-1Y"
name_zh = "一年期定期存款"
name_en = "1-year fixed deposit"
category = "deposit"
risk_level = 1

[[product]]
code = "WM-EQ"
name_zh = "权益精选理财"
category = "wealth"
risk_level = 4
dual_recording = true
active = false
"""


def write(tmp_path, text, name="products.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def bad(tmp_path, text) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        products.load_catalogue(write(tmp_path, text))
    assert info.value.code == "bad_catalogue"
    return info.value


# --- the shipped file ----------------------------------------------------------------------------

def test_the_shipped_catalogue_has_the_35_default_products():
    specs = products.load_catalogue()
    assert products.catalogue_path().name == "products.toml" and products.catalogue_path().is_file()
    assert len(specs) == 35 and len({s.code for s in specs}) == 35
    assert {s.category for s in specs} == set(ProductCategory)  # every category has something to offer
    by_code = {s.code: s for s in specs}
    assert by_code["DEP-CUR"].risk_level == 1 and not by_code["DEP-CUR"].dual_recording
    assert (by_code["WM-EQ"].risk_level, by_code["WM-EQ"].dual_recording) == (4, True)
    assert (by_code["FUND-QDII"].risk_level, by_code["FUND-QDII"].dual_recording) == (5, True)
    assert by_code["LCD-3Y"].name_zh == "三年期大额存单" and by_code["LCD-3Y"].category == "large_cd"
    assert all(s.active and s.name_zh and s.name_en and s.line > 0 for s in specs)


def test_the_shipped_file_explains_how_to_edit_it():
    text = products.catalogue_path().read_text(encoding="utf-8")
    for words in ("NEVER rename", "active = false", "administrators", "dual_recording", "audit"):
        assert words in text


# --- validation ----------------------------------------------------------------------------------

def test_a_good_file_loads_with_defaults_filled_in(tmp_path):
    specs = products.load_catalogue(write(tmp_path, GOOD))
    assert [(s.code, s.line) for s in specs] == [("DEP-1Y", 2), ("WM-EQ", 9)]
    dep, wm = specs
    assert (dep.dual_recording, dep.active, dep.name_en) == (False, True, "1-year fixed deposit")
    assert (wm.name_en, wm.risk_level, wm.dual_recording, wm.active) == ("", 4, True, False)


@pytest.mark.parametrize(("old", "new", "line", "product", "field", "reason"), [
    ('category = "wealth"', 'category = "crypto"', 12, "WM-EQ", "category", "invalid_category"),
    ("risk_level = 4", "risk_level = 6", 13, "WM-EQ", "risk_level", "out_of_range"),
    ("risk_level = 4", "risk_level = true", 13, "WM-EQ", "risk_level", "out_of_range"),
    ("dual_recording = true", 'dual_recording = "yes"', 14, "WM-EQ", "dual_recording", "not_a_boolean"),
    ("dual_recording = true", "dual_recoding = true", 14, "WM-EQ", "dual_recoding", "unknown_key"),
    ('name_zh = "权益精选理财"\n', "", 9, "WM-EQ", "name_zh", "missing"),
    ('name_zh = "权益精选理财"', 'name_zh = "  "', 11, "WM-EQ", "name_zh", "missing"),
    ('code = "WM-EQ"', 'code = "wm eq"', 10, "wm eq", "code", "invalid_code"),
    ('code = "WM-EQ"', 'code = "DEP-1Y"', 10, "DEP-1Y", "code", "duplicate"),
    ('name_zh = "权益精选理财"', f'name_zh = "{"长" * 201}"', 11, "WM-EQ", "name_zh", "too_long"),
])
def test_mistakes_name_the_line_and_the_product(tmp_path, old, new, line, product, field, reason):
    assert old in GOOD
    err = bad(tmp_path, GOOD.replace(old, new, 1))
    assert (err.details["line"], err.details["product"], err.details["field"], err.details["reason"]) == \
        (line, product, field, reason)
    assert err.details["file"].endswith("products.toml")


def test_syntax_errors_unknown_tables_and_empty_files(tmp_path):
    err = bad(tmp_path, GOOD.replace("risk_level = 4", "risk_level 4"))
    assert (err.details["reason"], err.details["line"]) == ("syntax", 13)
    assert bad(tmp_path, "# nothing yet\n").details["reason"] == "empty"
    assert bad(tmp_path, GOOD + "\n[settings]\nx = 1\n").details == {
        "file": str(tmp_path / "products.toml"), "line": None, "product": None, "field": "settings",
        "reason": "unknown_key"}
    assert bad(tmp_path, "product = [1, 2]\n").details["reason"] == "not_a_table"
    with pytest.raises(ValidationError) as info:
        products.load_catalogue(tmp_path / "missing.toml")
    assert info.value.details["reason"].startswith("unreadable")


# --- the database --------------------------------------------------------------------------------

@pytest.fixture
def admin(storage):
    return StaffUser.create(username="admin", display_name="管理员", role=StaffRole.ADMIN)


@pytest.fixture
def agent(storage):
    return StaffUser.create(username="agent", display_name="客服", role=StaffRole.AGENT)


def test_sync_inserts_then_changes_nothing_the_second_time(admin):
    assert products.sync_catalogue() == 35
    assert Product.select().count() == 35
    assert AuditLog.select().where((AuditLog.entity == "product") & (AuditLog.action == AuditAction.CREATE)) \
        .count() == 35
    before = {p.code: (p.version, p.risk_level) for p in Product.select()}
    assert products.sync_catalogue(admin) == 0
    assert {p.code: (p.version, p.risk_level) for p in Product.select()} == before


def test_sync_updates_what_the_file_changes_and_leaves_other_products_alone(admin, tmp_path):
    products.sync_catalogue()
    extra = Product.create(code="OLD-1", name_zh="旧产品", category=ProductCategory.DEPOSIT)
    path = write(tmp_path, GOOD)
    assert products.sync_catalogue(admin, path) == 1  # WM-EQ: name_en, active; DEP-1Y already matches
    wm = Product.get(Product.code == "WM-EQ")
    assert (wm.version, wm.active, wm.name_en) == (2, False, "")
    assert Product.get_by_id(extra.id).version == 1  # not in the file: untouched
    entry = (AuditLog.select().where((AuditLog.entity == "product") & (AuditLog.entity_id == str(wm.id))
                                     & (AuditLog.action == AuditAction.UPDATE)).get())
    assert entry.actor_id == admin.id and entry.detail["after"] == {"active": False, "name_en": ""}
    assert entry.detail["before"] == {"active": True, "name_en": "Equity wealth product"}
    assert products.sync_catalogue(admin, path) == 0


def test_a_bad_file_changes_nothing(admin, tmp_path):
    path = write(tmp_path, GOOD.replace("risk_level = 1", "risk_level = 9"))
    with pytest.raises(ValidationError):
        products.sync_catalogue(admin, path)
    assert Product.select().count() == 0


def test_only_administrators_sync_or_edit(agent, storage):
    sup = StaffUser.create(username="sup", display_name="主管", role=StaffRole.SUPERVISOR)
    products.sync_catalogue()
    dep = Product.get(Product.code == "DEP-1Y")
    for who in (agent, sup):
        with pytest.raises(PermissionDenied):
            products.sync_catalogue(who)
        with pytest.raises(PermissionDenied):
            products.update_product(who, dep.id, dep.version, risk_level=2)


def test_ensure_catalogue_never_overwrites_edits_made_in_the_application(admin):
    assert products.ensure_catalogue() == 35
    wm = Product.get(Product.code == "WM-EQ")
    products.update_product(admin, wm.id, wm.version, risk_level=5)
    Product.delete().where(Product.code == "DEP-CUR").execute()
    assert products.ensure_catalogue() == 1  # the missing one comes back
    assert Product.get(Product.code == "WM-EQ").risk_level == 5


def test_admin_edits_are_validated_versioned_and_audited(admin):
    products.sync_catalogue()
    wm = Product.get(Product.code == "WM-EQ")
    version = products.update_product(admin, wm.id, wm.version, risk_level=5, name_en="Equity fund-of-funds ")
    row = products.get_product(wm.id)
    assert (version, row.version, row.risk_level, row.name_en) == (2, 2, 5, "Equity fund-of-funds")
    entry = (AuditLog.select().where((AuditLog.entity == "product") & (AuditLog.entity_id == str(wm.id))
                                     & (AuditLog.action == AuditAction.UPDATE)).get())
    assert entry.detail["before"] == {"risk_level": 4, "name_en": "Equity wealth product"}
    with pytest.raises(ConflictError):
        products.update_product(admin, wm.id, 1, active=False)
    for changes, code in (({"code": "X"}, "not_editable"), ({"risk_level": 0}, "out_of_range"),
                          ({"category": "nope"}, "invalid_category"), ({"colour": "red"}, "unknown_key"),
                          ({}, "no_changes"), ({"name_zh": ""}, "missing")):
        with pytest.raises(ValidationError) as info:
            products.update_product(admin, wm.id, 2, **changes)
        assert info.value.code == code, changes


def test_list_products_hides_inactive_ones_unless_asked(admin):
    products.sync_catalogue()
    wm = Product.get(Product.code == "WM-EQ")
    products.update_product(admin, wm.id, wm.version, active=False)
    active = products.list_products()
    assert len(active) == 34 and "WM-EQ" not in {p.code for p in active}
    every = products.list_products(active_only=False)
    assert len(every) == 35
    row = next(p for p in every if p.code == "WM-EQ")
    assert (row.category, row.risk_level, row.dual_recording, row.active) == ("wealth", 4, True, False)
    assert products.product_by_code("WM-EQ").id == wm.id and products.product_by_code("NOPE") is None
