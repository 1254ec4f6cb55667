"""Team mode: the same code against a real PostgreSQL server; password only from the keyring."""

from __future__ import annotations

import pytest

from crm import db, secrets
from crm.errors import StorageError

pytestmark = pytest.mark.postgres


def test_open_url_migrates_and_pools(pg_url):
    storage = db.open_url(pg_url)
    try:
        from crm.models import Customer

        assert storage.mode == "postgresql"
        assert "customer" in storage.db.get_tables()
        assert db.pending_migrations(storage.db) == []
        Customer.create(name="区志明", name_pinyin="ouzhiming", name_initials="ozm")
        assert Customer.select().where(Customer.name_pinyin.startswith("ouz")).count() == 1
        assert "password" not in storage.location and "@" in storage.location
    finally:
        storage.close()
    again = db.open_url(pg_url)  # reopening applies nothing and keeps the data
    try:
        from crm.models import Customer

        assert Customer.select().count() == 1
    finally:
        again.close()


def test_missing_password_says_how_to_store_it(pg_url, fake_keyring):
    secrets.delete_secret(secrets.pg_account(pg_url))
    with pytest.raises(StorageError) as err:
        db.open_url(pg_url)
    assert err.value.code == "pg_password_missing"
    assert err.value.details["account"] == secrets.pg_account(pg_url)


def test_wrong_password_is_refused(pg_url):
    secrets.set_secret(secrets.pg_account(pg_url), "not-the-password")
    with pytest.raises(StorageError) as err:
        db.open_url(pg_url)
    assert err.value.code == "pg_unreachable" and err.value.details["reason"] == "auth"


def test_password_in_url_is_rejected(pg_url):
    with pytest.raises(StorageError) as err:
        db.open_url(pg_url.replace("crm@", "crm:secret@"))
    assert err.value.code == "password_in_url"
    assert "secret" not in str(err.value)


@pytest.mark.parametrize("url", ["mysql://x@h/db", "postgresql://user@host", "postgresql:///db"])
def test_bad_urls(url):
    with pytest.raises(StorageError) as err:
        db.open_url(url)
    assert err.value.code == "bad_db_url"
