"""The throwaway PostgreSQL harness: password auth, loopback only, fresh databases."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import psycopg
import pytest

pytestmark = pytest.mark.postgres


def test_connects_with_password_and_url_has_none(pg_server):
    url = urlsplit(pg_server.url("postgres"))
    assert url.password is None
    assert (url.hostname, url.port, url.username) == ("127.0.0.1", pg_server.port, "crm")
    with psycopg.connect(**pg_server.conninfo()) as conn:
        row = conn.execute("SELECT current_user, current_setting('server_version_num')::int").fetchone()
    assert row[0] == "crm"
    assert row[1] >= 120000


@pytest.mark.parametrize("password", ["wrong-password", ""])
def test_wrong_or_missing_password_is_refused(pg_server, password):
    conninfo = {**pg_server.conninfo(), "password": password}
    with pytest.raises(psycopg.OperationalError) as caught:
        psycopg.connect(**conninfo).close()
    assert "password" in str(caught.value).lower()


def test_auth_method_is_scram(pg_server):
    with psycopg.connect(**pg_server.conninfo()) as conn:
        stored = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = 'crm'").fetchone()[0]
        rules = conn.execute("SELECT DISTINCT auth_method FROM pg_hba_file_rules").fetchall()
    assert stored.startswith("SCRAM-SHA-256$")
    assert {r[0] for r in rules} == {"scram-sha-256"}


def test_listens_on_127_0_0_1_only(pg_server):
    with psycopg.connect(**pg_server.conninfo()) as conn:
        listen = conn.execute("SHOW listen_addresses").fetchone()[0]
    assert listen == "127.0.0.1"
    # Another loopback address reaches the machine but not a socket bound to 127.0.0.1 alone;
    # a server listening on 0.0.0.0 would accept this.
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.2", pg_server.port), timeout=2).close()
    with socket.create_connection(("127.0.0.1", pg_server.port), timeout=2):
        pass


def test_create_database_gives_fresh_empty_databases(pg_server):
    first, second = pg_server.create_database(), pg_server.create_database()
    assert first != second
    with psycopg.connect(**pg_server.conninfo(first)) as conn:
        conn.execute("CREATE TABLE note (body text)")
    with psycopg.connect(**pg_server.conninfo(second)) as conn:
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
    assert tables[0] == 0


def test_chinese_text_is_word_characters_for_trigrams(pg_server):
    # A C-locale cluster would drop every CJK character from pg_trgm's trigrams (no index help).
    with psycopg.connect(**pg_server.conninfo(pg_server.create_database())) as conn:
        conn.execute("CREATE EXTENSION pg_trgm")
        trigrams = conn.execute("SELECT show_trgm('还款记录')").fetchone()[0]
    assert len(trigrams) >= 2
