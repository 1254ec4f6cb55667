"""Search-key lookups read (kind, key, customer_id) from the index alone: no table row per candidate."""


def up(migrator, db):
    db.execute_sql('CREATE INDEX "customer_search_key_kind_key_customer_id" '
                   'ON "customer_search_key" ("kind", "key", "customer_id")')
    db.execute_sql('DROP INDEX "customer_search_key_kind_key"')
