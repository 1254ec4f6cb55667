"""A customer's latest fraud escalation is one index seek: (customer_id, kind, ts).

The suitability re-check asks it for every lead (``MAX(ts) … WHERE customer_id = ? AND kind = 'fraud'``). With
only (kind, ts) and the customer's own index, SQLite chose (kind, ts) and walked every fraud escalation of the
bank, newest first, for each lead until one of that customer turned up: one lead in a database with 10,000
fraud escalations read up to 10,000 index entries.
"""


def up(migrator, db):
    db.execute_sql('CREATE INDEX "escalation_customer_id_kind_ts" ON "escalation" ("customer_id", "kind", "ts")')
