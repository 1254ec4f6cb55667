"""The schema: the migration builds exactly what the models declare, on SQLCipher and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import enum
import re

import peewee
import pytest
from playhouse.sqlcipher_ext import SqlCipherDatabase

from crm import codes
from crm.codes import Direction, InteractionCategory, InteractionChannel, Segment
from crm.db import MIGRATIONS_DIR, apply_migrations, database_proxy
from crm.models import (
    ALL_MODELS,
    Customer,
    CustomerPhone,
    CustomerTag,
    Interaction,
    StaffUser,
)

BACKENDS = ["sqlcipher", pytest.param("postgres", marks=pytest.mark.postgres)]
CST = dt.timezone(dt.timedelta(hours=8))


def _new_database(request: pytest.FixtureRequest, tmp_path, name: str) -> peewee.Database:
    if request.param == "sqlcipher":
        return SqlCipherDatabase(str(tmp_path / f"{name}.db"), passphrase="x", pragmas={"foreign_keys": 1})
    server = request.getfixturevalue("pg_server")
    info = server.conninfo(server.create_database())
    return peewee.PostgresqlDatabase(info.pop("dbname"), **info)


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request


@pytest.fixture
def db(backend, tmp_path):
    database = _new_database(backend, tmp_path, "crm")
    database_proxy.initialize(database)
    apply_migrations(database)
    yield database
    database_proxy.initialize(None)
    database.close()


def schema_of(database: peewee.Database) -> dict:
    """Everything the schema says, as comparable data (columns, types, nullability, indexes, FKs, checks)."""
    out: dict = {}
    for table in database.get_tables():
        if table == "schema_migration":
            continue
        out[table] = {
            "columns": [(c.name, c.data_type.lower(), c.null, c.primary_key)
                        for c in database.get_columns(table)],
            "indexes": sorted((i.name, tuple(i.columns), i.unique) for i in database.get_indexes(table)),
            "fks": sorted((f.column, f.dest_table, f.dest_column) for f in database.get_foreign_keys(table)),
        }
    if isinstance(database, peewee.SqliteDatabase):
        # The exact DDL: catches CHECK and ON DELETE differences the introspection above cannot see.
        rows = database.execute_sql(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
            "AND tbl_name <> 'schema_migration' AND type IN ('table', 'index')").fetchall()
        out["__ddl__"] = sorted(rows)
    else:
        rows = database.execute_sql(
            "SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE connamespace = 'public'::regnamespace AND contype IN ('c', 'f', 'u') "
            "AND conrelid::regclass::text <> 'schema_migration'").fetchall()
        out["__constraints__"] = sorted(rows)
    return out


def test_migration_creates_every_table(db):
    expected = {m._meta.table_name for m in ALL_MODELS}
    assert len(expected) == 28
    assert set(db.get_tables()) == expected | {"schema_migration"}


def test_second_apply_does_nothing(db):
    before = schema_of(db)
    assert apply_migrations(db) == []
    assert schema_of(db) == before
    files = sorted(path.stem for path in MIGRATIONS_DIR.glob("[0-9]*.py"))
    assert files[0] == "0001_initial"
    assert sorted(r[0] for r in db.execute_sql("SELECT name FROM schema_migration")) == files


def test_migrated_schema_matches_the_models(db, backend, tmp_path):
    # Column names per table, straight from the models.
    for model in ALL_MODELS:
        declared = [f.column_name for f in model._meta.sorted_fields]
        assert [c.name for c in db.get_columns(model._meta.table_name)] == declared, model.__name__

    # And everything else: build a second database from the models themselves and compare.
    reference = _new_database(backend, tmp_path, "reference")
    try:
        with reference.bind_ctx(ALL_MODELS):
            reference.create_tables(ALL_MODELS)
        migrated, from_models = schema_of(db), schema_of(reference)
    finally:
        reference.close()
    assert from_models.keys() == migrated.keys()
    for table in from_models:
        assert migrated[table] == from_models[table], table


# Names that would hold authentication data (C3): never a column. Token-wise, so "name_pinyin" passes.
_AUTH_TOKENS = re.compile(
    r"(^|_)(pin|pins|pin_code|pinblock|password|passwd|pwd|passcode|cvn|cvn2|cvv|cvv2|cvc|cvc2|otp|"
    r"expiry|expiration|exp_date|valid_thru|sms_code|verification_code|security_code)(_|$)")
_AUTH_ANYWHERE = ("password", "passwd", "cvv", "cvn")


def _names_auth_data(name: str) -> bool:
    lowered = name.lower()
    return bool(_AUTH_TOKENS.search(lowered)) or any(word in lowered for word in _AUTH_ANYWHERE)


def test_auth_name_check_itself_catches_and_spares():
    for bad in ("card_pin", "pin", "password_hash", "userpassword", "cvv2", "card_cvn", "sms_code",
                "otp", "card_expiry", "verification_code", "expiration"):
        assert _names_auth_data(bad), bad
    for fine in ("name_pinyin", "risk_expires_on", "verification", "shopping", "opinion", "id_tail"):
        assert not _names_auth_data(fine), fine


def test_no_column_holds_authentication_data(db):
    offenders = []
    for model in ALL_MODELS:
        for field in model._meta.sorted_fields:
            offenders += [f"{model.__name__}.{n}" for n in {field.name, field.column_name}
                          if _names_auth_data(n)]
    for table in db.get_tables():  # what the migration really built, too
        offenders += [f"{table}.{c.name}" for c in db.get_columns(table) if _names_auth_data(c.name)]
    assert offenders == []


def test_codes_are_short_ascii_and_stable_looking():
    enums = [v for v in vars(codes).values()
             if isinstance(v, type) and issubclass(v, enum.StrEnum) and v is not enum.StrEnum]
    assert len(enums) > 30
    for cls in enums:
        for member in cls:
            assert re.fullmatch(r"[a-z][a-z0-9_]{0,31}|C[1-5]", member.value), (cls.__name__, member)


def _staff(username="agent1") -> StaffUser:
    return StaffUser.create(username=username, display_name="王小明")


def _customer(**kwargs) -> Customer:
    return Customer.create(name=kwargs.pop("name", "张三"), **kwargs)


def test_timestamps_are_utc_and_sort_chronologically(db):
    staff, customer = _staff(), _customer()
    # Same wall-clock digits in different zones, and microsecond-less vs. fractional instants.
    instants = [
        dt.datetime(2025, 3, 1, 9, 0, tzinfo=CST),  # 01:00Z
        dt.datetime(2025, 3, 1, 2, 0, tzinfo=dt.UTC),  # 02:00Z
        dt.datetime(2025, 3, 1, 1, 0, 0, 500, tzinfo=dt.UTC),  # 01:00:00.0005Z
        dt.datetime(2025, 2, 28, 23, 59, 59, 999999, tzinfo=dt.UTC),
    ]
    for ts in instants:
        Interaction.create(customer=customer, staff=staff, ts=ts, channel=InteractionChannel.INBOUND_CALL,
                           direction=Direction.IN, category=InteractionCategory.CONSULTATION)
    read = [i.ts for i in Interaction.select().order_by(Interaction.ts)]
    assert read == sorted(instants)
    assert all(t.tzinfo is not None and t.utcoffset() == dt.timedelta(0) for t in read)
    # A bound datetime in another zone compares as the same instant.
    since = dt.datetime(2025, 3, 1, 9, 0, 0, 1, tzinfo=CST)
    assert Interaction.select().where(Interaction.ts >= since).count() == 2
    raw = db.execute_sql("SELECT ts FROM interaction ORDER BY ts").fetchall()
    assert raw[0] == ("2025-02-28T23:59:59.999999Z",)


def test_naive_datetime_is_refused(db):
    with pytest.raises(ValueError, match="naive"):
        _customer(last_contact_at=dt.datetime(2025, 1, 1, 8, 0))


def test_codes_round_trip_and_unknown_codes_are_refused(db):
    customer = _customer(segment=Segment.VIP)
    again = Customer.get_by_id(customer.id)
    assert again.segment is Segment.VIP
    assert again.version == 1 and again.created_at.tzinfo is not None
    with pytest.raises(ValueError):
        _customer(name="李四", segment="金卡")


def test_contact_rows_go_with_the_customer_and_tags_are_unique(db):
    customer = _customer()
    CustomerPhone.create(customer=customer, number="13812345678", number_rev="87654321831")
    CustomerTag.create(customer=customer, tag="高净值")
    with pytest.raises(peewee.IntegrityError), db.atomic():
        CustomerTag.create(customer=customer, tag="高净值")
    customer.delete_instance()
    assert CustomerPhone.select().count() == 0
    assert CustomerTag.select().count() == 0


def test_history_rows_keep_their_customer(db):
    staff, customer = _staff(), _customer()
    Interaction.create(customer=customer, staff=staff, channel=InteractionChannel.BRANCH,
                       direction=Direction.IN, category=InteractionCategory.GUIDANCE)
    with pytest.raises(peewee.IntegrityError), db.atomic():
        customer.delete_instance()
    assert Interaction.select().count() == 1


def test_check_constraints_hold_in_the_database(db):
    staff, customer = _staff(), _customer()
    with pytest.raises(peewee.IntegrityError), db.atomic():
        Interaction.create(customer=customer, staff=staff, channel=InteractionChannel.EMAIL,
                           direction=Direction.IN, category=InteractionCategory.CONSULTATION,
                           satisfaction=6)
