"""Leads get the channel sales may use (contact_channel, a ConsentChannel code), their non-blocking flags and the
block codes a supervisor's override covered; (referred_by, state) becomes one index for per-agent lists and
conversion (it replaces the single-column referred_by index it starts with).

The new columns are NOT NULL with DDL defaults so existing rows are filled in. PostgreSQL adds them in place.
SQLite's ADD COLUMN would append the column text after the table's FOREIGN KEY clauses, leaving DDL that differs
from a freshly created table, so there the table is rebuilt (create, copy, drop, rename: the documented
procedure; nothing references "lead", so no foreign key needs switching off).
"""

from peewee import PostgresqlDatabase, SqliteDatabase

_OLD_COLUMNS = (
    "id", "version", "created_at", "updated_at", "customer_id", "opportunity_id", "product_id", "referred_by_id",
    "state", "batch_id", "block_reason", "override_reason", "override_by_id", "dual_recording_required",
    "external_ref", "sales_owner", "outcome_note",
)

_SQLITE_TABLE = (
    'CREATE TABLE "lead_0005" ("id" INTEGER NOT NULL PRIMARY KEY, "version" INTEGER NOT NULL, '
    '"created_at" VARCHAR(32) NOT NULL, "updated_at" VARCHAR(32) NOT NULL, "customer_id" INTEGER NOT NULL, '
    '"opportunity_id" INTEGER, "product_id" INTEGER NOT NULL, "referred_by_id" INTEGER NOT NULL, '
    '"state" VARCHAR(32) NOT NULL, "batch_id" INTEGER, "block_reason" VARCHAR(64), "override_reason" TEXT, '
    '"override_by_id" INTEGER, "dual_recording_required" INTEGER NOT NULL, "external_ref" VARCHAR(100), '
    '"sales_owner" VARCHAR(100), "outcome_note" TEXT NOT NULL, '
    '"contact_channel" VARCHAR(32) NOT NULL DEFAULT \'phone\', "flags" VARCHAR(200) NOT NULL DEFAULT \'\', '
    '"override_codes" VARCHAR(200) NOT NULL DEFAULT \'\', '
    'FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"), '
    'FOREIGN KEY ("opportunity_id") REFERENCES "opportunity" ("id"), '
    'FOREIGN KEY ("product_id") REFERENCES "product" ("id"), '
    'FOREIGN KEY ("referred_by_id") REFERENCES "staff_user" ("id"), '
    'FOREIGN KEY ("batch_id") REFERENCES "export_batch" ("id"), '
    'FOREIGN KEY ("override_by_id") REFERENCES "staff_user" ("id"))'
)

_SQLITE_INDEXES = (  # every index of the table, as before, but (referred_by, state) for referred_by alone
    ("lead_customer_id", ("customer_id",)),
    ("lead_opportunity_id", ("opportunity_id",)),
    ("lead_product_id", ("product_id",)),
    ("lead_batch_id", ("batch_id",)),
    ("lead_override_by_id", ("override_by_id",)),
    ("lead_external_ref", ("external_ref",)),
    ("lead_state_created_at", ("state", "created_at")),
    ("lead_referred_by_id_state", ("referred_by_id", "state")),
)


def _index_sql(name, columns):
    quoted = ", ".join(f'"{c}"' for c in columns)
    return f'CREATE INDEX "{name}" ON "lead" ({quoted})'


def up(migrator, db):
    if isinstance(db, SqliteDatabase):
        columns = ", ".join(f'"{c}"' for c in _OLD_COLUMNS)
        db.execute_sql(_SQLITE_TABLE)
        db.execute_sql(f'INSERT INTO "lead_0005" ({columns}) SELECT {columns} FROM "lead"')
        db.execute_sql('DROP TABLE "lead"')
        db.execute_sql('ALTER TABLE "lead_0005" RENAME TO "lead"')
        for name, cols in _SQLITE_INDEXES:
            db.execute_sql(_index_sql(name, cols))
    elif isinstance(db, PostgresqlDatabase):
        db.execute_sql('ALTER TABLE "lead" ADD COLUMN "contact_channel" VARCHAR(32) NOT NULL DEFAULT \'phone\'')
        db.execute_sql('ALTER TABLE "lead" ADD COLUMN "flags" VARCHAR(200) NOT NULL DEFAULT \'\'')
        db.execute_sql('ALTER TABLE "lead" ADD COLUMN "override_codes" VARCHAR(200) NOT NULL DEFAULT \'\'')
        db.execute_sql('DROP INDEX "lead_referred_by_id"')
        db.execute_sql(_index_sql("lead_referred_by_id_state", ("referred_by_id", "state")))
    else:
        raise NotImplementedError(f"unsupported database: {type(db).__name__}")
