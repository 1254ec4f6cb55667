"""Care cadences ask "which customers of this segment were last contacted before X": one index range."""


def up(migrator, db):
    db.execute_sql('CREATE INDEX "customer_segment_last_contact_at" ON "customer" ("segment", "last_contact_at")')
