"""Moving exported leads to ``handed_over`` while their file is still being written.

The export reads and writes on its own thread; everything it changes in the database goes through a HandOver,
whose writer thread has a connection of its own and one transaction: the batch row (when the first chunk is
ready), then one UPDATE per chunk as soon as the chunk has been read, then, when the file is complete, the
caller's closing step (checksum, audit row, rename) and the commit. The UPDATEs (~1 s for 100k leads on
SQLCipher: every row and three of its index entries rewritten) thus run beside the reading and writing instead
of after them: with a connection each, neither waits for the other's statements, and SQLite and psycopg
release the GIL while the database works. A failure anywhere rolls the whole transaction back.

The UPDATE only moves leads still ``new``; the closing step compares how many moved with how many were written
and gives up the batch when they differ (a lead changed meanwhile).

When the caller is already inside a transaction (the demo builds and exports in one), the new rows are not
visible to another connection and its write lock would block one: the hand-over then runs on the caller's
connection and thread, inside that transaction (a savepoint), without the overlap.

Cost: on SQLite the writer holds the database's write lock from the first chunk to the commit (another writer
waits up to the busy timeout, 5 s); on PostgreSQL only the exported leads' rows are locked. In passphrase mode
the writer's connection derives the key again (~0.1 s).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any, TypeVar

import peewee

from crm.codes import LeadState
from crm.models import Lead
from crm.services.base import now_utc

__all__ = ["HandOver"]

T = TypeVar("T")
_MARKER = "__hand_over_ids__"


class HandOver:
    """``submit(ids)`` per chunk, then ``finish(close)`` once; use as a context manager (leaving it on an error
    rolls back, and the writer is always stopped and its connection closed).

    ``open_batch()`` creates the batch row and returns its id; it runs in the transaction before the first
    UPDATE. ``close(batch_id, moved)`` runs last in the transaction, before the commit; what it raises rolls
    everything back and reaches the caller of ``finish``.
    """

    def __init__(self, open_batch: Callable[[], int]) -> None:
        self._db = Lead._meta.database
        self._open_batch = open_batch
        self._shared = self._db.in_transaction()  # the caller's transaction: stay on its connection
        self._pool = None if self._shared else ThreadPoolExecutor(1, thread_name_prefix="lead-hand-over")
        self._pending: list[Future[int]] = []
        self._txn: Any = None
        self._started = False
        self._moved = 0
        self._sql = ""
        self._params: list[Any] = []
        self._slot = 0
        self.batch_id: int | None = None

    # --- the caller's side ---------------------------------------------------------------------------

    def submit(self, ids: Sequence[int]) -> None:
        """Queue one chunk of lead ids; raises at once what an earlier step on the writer raised."""
        while self._pending and self._pending[0].done():
            self._moved += self._pending.pop(0).result()
        if not ids:
            return
        if not self._started:
            self._started = True
            self._pending.append(self._do(self._begin))
        value = list(ids) if _is_postgres(self._db) else json.dumps(list(ids))
        self._pending.append(self._do(self._update, value))

    def finish(self, close: Callable[[int | None, int], T]) -> T:
        """Wait for every chunk, then ``close(batch_id, moved)`` and commit; ``close``'s result."""
        while self._pending:
            self._moved += self._pending.pop(0).result()
        if not self._started:
            return close(None, 0)
        return self._do(self._end, close).result()

    def __enter__(self) -> HandOver:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if kind is not None:
                for future in self._pending:
                    future.cancel()
                self._do(self._abort).exception()  # wait; the caller's error is the one reported
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)

    def _do(self, fn: Callable[..., Any], *args: Any) -> Future:
        if self._pool is not None:
            return self._pool.submit(fn, *args)
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - handed over like a pool's future would
            future.set_exception(exc)
        return future

    # --- the writer's side ---------------------------------------------------------------------------

    def _begin(self) -> int:
        if not self._shared:
            self._db.connect(reuse_if_open=True)  # this thread's own connection
        self._txn = self._db.atomic()
        self._txn.__enter__()
        self.batch_id = self._open_batch()
        sql, params = self._db.get_sql_context().sql(_update(self.batch_id)).query()
        self._sql, self._params = sql, list(params)
        self._slot = self._params.index(_MARKER)
        return 0

    def _update(self, ids: Any) -> int:
        if self._txn is None:  # _begin failed: its error is already on its way to the caller
            raise RuntimeError("hand-over not begun")
        params = list(self._params)
        params[self._slot] = ids
        return self._db.execute_sql(self._sql, params).rowcount

    def _end(self, close: Callable[[int | None, int], T]) -> T:
        try:
            result = close(self.batch_id, self._moved)
        except BaseException:
            self._abort()
            raise
        txn, self._txn = self._txn, None
        try:
            txn.__exit__(None, None, None)  # the commit (peewee rolls back and raises if it fails)
        finally:
            self._disconnect()
        return result

    def _abort(self) -> None:
        txn, self._txn = self._txn, None
        try:
            if txn is not None:
                txn.__exit__(*_ROLLBACK)
        finally:
            self._disconnect()

    def _disconnect(self) -> None:
        if not self._shared:
            self._db.close()


_ROLLBACK = (RuntimeError, RuntimeError("export abandoned"), None)  # what makes peewee's atomic roll back


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
