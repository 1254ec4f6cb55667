"""The audit trail: append-only in the database itself, identifiers masked, history newest first."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util

import peewee
import pytest

from crm.codes import AuditAction
from crm.errors import NotFound
from crm.models import AuditLog, StaffUser
from crm.services import audit


@pytest.fixture
def db(storage):
    """The shared backend-parametrised storage (tests/conftest.py); these tests want its database."""
    return storage.db


@pytest.fixture
def agent(db) -> StaffUser:
    return StaffUser.create(username="agent1", display_name="王小明")


def _one_row(agent) -> int:
    return audit.record(agent, AuditAction.UPDATE, "customer", 7, changes={"segment": ["standard", "vip"]})


def test_database_refuses_to_change_or_remove_audit_rows(db, agent):
    row_id = _one_row(agent)
    statements = ["UPDATE audit_log SET actor_name = 'someone else'", "DELETE FROM audit_log"]
    if isinstance(db, peewee.PostgresqlDatabase):
        statements.append("TRUNCATE audit_log")
    for statement in statements:
        with pytest.raises(peewee.DatabaseError, match="audit_log_append_only"), db.atomic():
            db.execute_sql(statement)
    row = AuditLog.get_by_id(row_id)
    assert row.actor_name == "agent1"


def test_orm_update_and_delete_are_refused_too(db, agent):
    row_id = _one_row(agent)
    with pytest.raises(peewee.DatabaseError), db.atomic():
        AuditLog.update(entity="x").where(AuditLog.id == row_id).execute()
    with pytest.raises(peewee.DatabaseError), db.atomic():
        AuditLog.get_by_id(row_id).delete_instance()
    assert AuditLog.select().count() == 1


def test_history_returns_frozen_rows_newest_first(db, agent):
    audit.record(agent, AuditAction.CREATE, "customer", 7, name="张三")
    audit.record(agent, "update", "customer", 7, changes={"notes": ["", "回电"]})
    audit.record(agent, AuditAction.REVEAL, "customer", 8, field="id_number")
    entries = audit.history("customer", 7)
    assert [e.action for e in entries] == [AuditAction.UPDATE, AuditAction.CREATE]
    assert entries[0].detail == {"changes": {"notes": ["", "回电"]}}
    assert (entries[0].actor_id, entries[0].actor_name, entries[0].entity_id) == (agent.id, "agent1", "7")
    assert entries[0].ts.tzinfo is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        entries[0].action = AuditAction.DELETE  # type: ignore[misc]
    with pytest.raises(TypeError):
        entries[0].detail["changes"] = {}  # type: ignore[index]
    assert len(audit.history("customer", 7, limit=1)) == 1


def test_actor_by_id_by_process_name_or_system(db, agent):
    audit.record(agent.id, AuditAction.LOGIN, "staff_user", agent.id)
    audit.record("import", AuditAction.IMPORT, "customer", None, rows=120)
    audit.record(None, AuditAction.BACKUP, "database", None)
    assert [(e.actor_id, e.actor_name) for e in audit.history("staff_user", agent.id)] == [(agent.id, "agent1")]
    assert audit.history("customer", None)[0].actor_name == "import"
    assert audit.history("database", None)[0].actor_name == "system"
    with pytest.raises(NotFound):
        audit.record(99999, AuditAction.LOGIN, "staff_user", 99999)


@pytest.mark.parametrize("detail", [
    {"phone": "13812345678"},
    {"id_number": "110101199003071234"},
    {"card_number": "6222020200112233445"},
    {"agent_phone": "13812345678"},
    {"changes": {"mobile": ["13800000000", "13900000000"]}},
    {"changes": [{"new_card_number": "6222"}]},
])
def test_keys_naming_raw_identifiers_are_refused(db, agent, detail):
    with pytest.raises(ValueError, match="raw_identifier"):
        audit.record(agent, AuditAction.UPDATE, "customer", 7, **detail)
    assert AuditLog.select().count() == 0


@pytest.mark.parametrize("key", ["pin", "card_pin", "password", "cvv2", "sms_code", "otp", "card_expiry",
                                 "pin_masked"])
def test_keys_naming_authentication_data_are_refused_even_masked(db, agent, key):
    with pytest.raises(ValueError, match="auth_data"):
        audit.record(agent, AuditAction.VERIFY, "customer", 7, **{key: "***"})


def test_masked_keys_and_plain_values_are_accepted(db, agent):
    audit.record(agent, AuditAction.UPDATE, "customer", 7, phone_masked="138****5678", id_tail="071234",
                 when=dt.datetime(2025, 1, 2, 3, 4, tzinfo=dt.UTC), count=3, ok=True, nothing=None)
    detail = audit.history("customer", 7)[0].detail
    assert detail == {"phone_masked": "138****5678", "id_tail": "071234", "when": "2025-01-02T03:04:00.000000Z",
                      "count": 3, "ok": True, "nothing": None}


def test_identifiers_in_free_text_are_masked(db, agent):
    if importlib.util.find_spec("crm.identifiers") is None:
        pytest.skip("TODO: crm.identifiers not written yet; masking cannot be checked")
    audit.record(agent, AuditAction.UPDATE, "customer", 7,
                 note="客户新手机 13812345678，身份证 110101199003071234",
                 changes={"notes": ["", "卡号 6222020200112233445"]})
    stored = AuditLog.get().detail
    text = repr(stored)
    for raw in ("13812345678", "110101199003071234", "6222020200112233445"):
        assert raw not in text
    assert stored["note"].startswith("客户新手机 138")
    assert stored["note"].count("5678") == 1  # the tail stays readable
