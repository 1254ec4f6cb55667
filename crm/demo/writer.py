"""Bulk writing for the demo generator: id reservation, batched inserts and fast timestamp text."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

import peewee

# PostgreSQL accepts at most 65535 bind parameters per statement; stay well under it.
_PG_MAX_PARAMS = 30000
# Rows per multi-row INSERT: measured on psycopg 3, 100-500 rows beat 1,760 (planning huge VALUES lists).
_VALUES_ROWS = 500


def real_database(db: Any) -> peewee.Database:
    """The database behind a DatabaseProxy (or the database itself)."""
    return getattr(db, "obj", None) or db


class BulkWriter:
    """Inserts prepared tuples without per-row ORM objects.

    SQLite/SQLCipher: one prepared statement through ``cursor.executemany`` (no bind-variable limit, the
    fastest path measured). PostgreSQL: ``COPY … FROM STDIN`` when the driver is psycopg 3, else portable
    multi-row ``INSERT … VALUES`` in chunks under the bind-parameter limit.
    """

    PG_COPY = True  # COPY FROM STDIN on PostgreSQL (psycopg 3); False: multi-row INSERT … VALUES

    def __init__(self, db: peewee.Database, *, pg_copy: bool | None = None) -> None:
        self.db = real_database(db)
        self.is_pg = isinstance(self.db, peewee.PostgresqlDatabase)
        self.pg_copy = self.PG_COPY if pg_copy is None else pg_copy
        self.counts: Counter[str] = Counter()
        self._statements: dict[tuple[str, tuple[str, ...]], tuple[str, list[str]]] = {}

    # --- transactions and ids --------------------------------------------------------------------

    def transaction(self) -> Any:
        """A write transaction; on SQLite taken IMMEDIATE so MAX(id) stays ours until commit."""
        return self.db.atomic() if self.is_pg else self.db.atomic("IMMEDIATE")

    def reserve_ids(self, model: type[peewee.Model], n: int) -> Sequence[int]:
        """``n`` fresh primary keys for ``model``; call inside :meth:`transaction`."""
        if n <= 0:
            return []
        table = model._meta.table_name
        if self.is_pg:
            cursor = self.db.execute_sql(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", (table, n))
            return sorted(row[0] for row in cursor.fetchall())
        top = self.db.execute_sql(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"').fetchone()[0]
        return range(top + 1, top + 1 + n)

    # --- inserts ---------------------------------------------------------------------------------

    def _statement(self, model: type[peewee.Model], fields: tuple[str, ...]) -> tuple[str, list[str]]:
        key = (model._meta.table_name, fields)
        found = self._statements.get(key)
        if found is None:
            columns = [model._meta.fields[f].column_name for f in fields]
            quoted = ", ".join(f'"{c}"' for c in columns)
            found = self._statements[key] = (f'INSERT INTO "{model._meta.table_name}" ({quoted})', columns)
        return found

    def insert(self, model: type[peewee.Model], fields: Sequence[str], rows: list[tuple]) -> int:
        """Insert ``rows`` (tuples in ``fields`` order, values already in storage form)."""
        if not rows:
            return 0
        fields = tuple(fields)
        head, columns = self._statement(model, fields)
        if not self.is_pg:
            marks = ", ".join("?" * len(fields))
            self.db.cursor().executemany(f"{head} VALUES ({marks})", rows)
        elif self.pg_copy and self._copy(model, columns, rows):
            pass
        else:
            self._insert_values(head, len(fields), rows)
        self.counts[model._meta.table_name] += len(rows)
        return len(rows)

    def _copy(self, model: type[peewee.Model], columns: list[str], rows: list[tuple]) -> bool:
        cursor = self.db.cursor()
        copy = getattr(cursor, "copy", None)  # psycopg 3 only
        if copy is None:
            return False
        quoted = ", ".join(f'"{c}"' for c in columns)
        with copy(f'COPY "{model._meta.table_name}" ({quoted}) FROM STDIN') as stream:
            write = stream.write_row
            for row in rows:
                write(row)
        return True

    def _insert_values(self, head: str, width: int, rows: list[tuple]) -> None:
        per = max(1, min(_VALUES_ROWS, _PG_MAX_PARAMS // width))
        one = "(" + ", ".join(["%s"] * width) + ")"
        cursor = self.db.cursor()
        for start in range(0, len(rows), per):
            chunk = rows[start:start + per]
            params = [value for row in chunk for value in row]
            cursor.execute(f"{head} VALUES " + ", ".join([one] * len(chunk)), params)

    def update_many(self, sql_sqlite: str, rows: list[tuple]) -> None:
        """Run one parameterised UPDATE (written with ``?``) for every tuple in ``rows``."""
        sql = sql_sqlite.replace("?", "%s") if self.is_pg else sql_sqlite
        self.db.cursor().executemany(sql, rows)


class TsText:
    """Epoch seconds -> the fixed-width UTC text UtcDateTimeField stores, with per-day caching (fast)."""

    _EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

    def __init__(self) -> None:
        self._days: dict[int, str] = {}
        self._hms = [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)]

    def __call__(self, epoch: int, micro: int = 0) -> str:
        day, sec = divmod(epoch, 86400)
        prefix = self._days.get(day)
        if prefix is None:
            d = (self._EPOCH + dt.timedelta(days=day)).date()
            prefix = self._days[day] = f"{d.year:04d}-{d.month:02d}-{d.day:02d}T"
        return f"{prefix}{self._hms[sec]}.{micro:06d}Z"


def micro_of(epoch: int) -> int:
    """Microseconds of an interaction timestamp: a function of its second, so that ``last_contact_at``
    (computed before the interactions are written) is exactly the newest interaction's ``ts``."""
    return epoch * 7919 % 1_000_000
