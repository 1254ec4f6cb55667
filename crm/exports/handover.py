"""Moving exported leads to ``handed_over`` while their file is still being written.

The export opens its transaction before the first row is read and records the batch first, so that each chunk
of leads, once written to the file, can be moved into the batch at once: one UPDATE per chunk, run on a worker
thread over the export's own connection while the main thread formats and writes the next chunk. SQLite and
psycopg both release the GIL while the database works, so the hand-over (~0.7 s for 100k leads on SQLCipher:
every row and three of its index entries rewritten) overlaps the writing instead of following it; what is left
at the end is the commit. Only one statement runs on the connection at a time (SQLite serialises a
connection's calls, psycopg locks the connection), and every statement belongs to the export's transaction:
a failure anywhere rolls all of it back.

The UPDATE only moves leads still ``new``: the caller compares ``HandOver.finish()`` (how many moved) with how
many it wrote and gives up the whole batch when they differ (a lead changed meanwhile).

Cost: on SQLite the export holds the database's write lock from its first row to its commit (another writer
waits up to the busy timeout, 5 s); on PostgreSQL only the exported leads' rows are locked.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any

import peewee

from crm.codes import LeadState
from crm.models import Lead
from crm.services.base import now_utc

__all__ = ["HandOver"]

_MARKER = "__hand_over_ids__"


class HandOver:
    """``submit(ids)`` per chunk, ``finish()`` once: leads -> ``handed_over`` in ``batch_id``, on a worker thread.

    Use as a context manager inside the export's transaction: leaving the block waits for the worker (a
    statement never runs after the transaction ended) and drops the chunks not started when an error is
    leaving it.
    """

    def __init__(self, batch_id: int) -> None:
        db = Lead._meta.database
        self._conn = db.connection()  # the export's connection, in its transaction (peewee's is per thread)
        sql, params = db.get_sql_context().sql(_update(batch_id)).query()
        self._sql, self._params = sql, list(params)
        self._slot = self._params.index(_MARKER)
        self._as_json = not _is_postgres(db)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lead-hand-over")
        self._pending: list[Future[int]] = []
        self._moved = 0

    def submit(self, ids: Sequence[int]) -> None:
        """Queue one chunk of lead ids; raises at once what an earlier chunk's UPDATE raised."""
        while self._pending and self._pending[0].done():
            self._moved += self._pending.pop(0).result()
        if ids:
            value = json.dumps(list(ids)) if self._as_json else list(ids)
            self._pending.append(self._pool.submit(self._run, value))

    def finish(self) -> int:
        """Wait for every chunk; how many leads moved in all."""
        while self._pending:
            self._moved += self._pending.pop(0).result()
        return self._moved

    def _run(self, ids: Any) -> int:
        params = list(self._params)
        params[self._slot] = ids
        cursor = self._conn.cursor()
        try:
            cursor.execute(self._sql, params)
            return cursor.rowcount
        finally:
            cursor.close()

    def __enter__(self) -> HandOver:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._pool.shutdown(wait=True, cancel_futures=kind is not None)


def _is_postgres(db: Any) -> bool:
    return isinstance(getattr(db, "obj", db), peewee.PostgresqlDatabase)


def _update(batch_id: int) -> peewee.Query:
    """The UPDATE with the chunk's ids as one bound value (_MARKER until run): a JSON array read by json_each
    on SQLite, an array on PostgreSQL, so the statement text is the same for every chunk."""
    db = Lead._meta.database
    if _is_postgres(db):
        chosen = peewee.Expression(Lead.id, "=", peewee.SQL(f"ANY({db.param})", [_MARKER]))
    else:
        chosen = peewee.Expression(Lead.id, peewee.OP.IN,
                                   peewee.SQL(f"(SELECT value FROM json_each({db.param}))", [_MARKER]))
    return (Lead.update({Lead.state: LeadState.HANDED_OVER, Lead.batch: batch_id, Lead.version: Lead.version + 1,
                         Lead.updated_at: now_utc()})
            .where(chosen & (Lead.state == LeadState.NEW)))
