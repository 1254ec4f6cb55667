"""Search keys compare bytewise on PostgreSQL too, so prefix ranges match SQLite under any server locale."""

from peewee import PostgresqlDatabase


def up(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql('ALTER TABLE customer_search_key ALTER COLUMN "key" TYPE VARCHAR(255) COLLATE "C"')
