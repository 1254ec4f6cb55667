"""The whole initial schema, plus the triggers that make audit_log append-only.

Frozen copies of the models as they were at this migration, deliberately independent of crm/models
(drafted with playhouse.migrations.template, then edited by hand: custom field classes written as their
storage types, FK indexes that a composite index already covers switched off, CHECK constraints added).
Column storage, identical on SQLite/SQLCipher and PostgreSQL:
  timestamps  VARCHAR(32), fixed-width ISO 8601 UTC text ("2025-01-31T08:00:00.000000Z")
  codes       VARCHAR(32), values of the StrEnums in crm/codes.py
  JSON        TEXT
Column defaults live in the application (peewee), not in the DDL.
"""

from peewee import (
    BooleanField,
    CharField,
    Check,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    PostgresqlDatabase,
    SqliteDatabase,
    TextField,
)

AUDIT_APPEND_ONLY = "audit_log_append_only"  # the error text a refused UPDATE/DELETE carries


def _ts(**kwargs):
    return CharField(max_length=32, **kwargs)


def _code(**kwargs):
    return CharField(max_length=32, **kwargs)


def _models(db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Editable(Base):
        version = IntegerField()
        created_at = _ts()
        updated_at = _ts()

    class StaffUser(Editable):
        username = CharField(max_length=64, unique=True)
        display_name = CharField(max_length=100)
        role = _code()
        active = BooleanField()

    class Customer(Editable):
        name = CharField(max_length=100, index=True)
        name_pinyin = CharField(max_length=200, index=True)
        name_initials = CharField(max_length=50, index=True)
        gender = _code()
        birth_date = DateField(null=True)
        id_type = _code(null=True)
        id_number = CharField(max_length=64, null=True, index=True)
        id_tail = CharField(max_length=6, null=True, index=True)
        segment = _code()
        risk_rating = _code(null=True)
        risk_assessed_on = DateField(null=True)
        risk_expires_on = DateField(null=True)
        do_not_disturb = BooleanField()
        vulnerable = BooleanField()
        elderly_override = BooleanField(null=True)
        agent_name = CharField(max_length=100, null=True)
        agent_relation = _code(null=True)
        agent_phone = CharField(max_length=32, null=True)
        agent_id_tail = CharField(max_length=6, null=True)
        owner = ForeignKeyField(StaffUser, null=True)
        care_interval_days = IntegerField(null=True)
        last_contact_at = _ts(null=True, index=True)
        notes = TextField()

    class CustomerPhone(Editable):
        customer = ForeignKeyField(Customer, on_delete="CASCADE")
        number = CharField(max_length=32)
        number_rev = CharField(max_length=32, index=True)
        kind = _code()
        is_reserved = BooleanField()
        is_primary = BooleanField()

    class CustomerEmail(Editable):
        customer = ForeignKeyField(Customer, on_delete="CASCADE")
        address = CharField(max_length=254, index=True)
        is_primary = BooleanField()

    class CustomerAddress(Editable):
        customer = ForeignKeyField(Customer, on_delete="CASCADE")
        kind = _code()
        text = TextField()
        postal_code = CharField(max_length=16, null=True)
        is_primary = BooleanField()

    class CustomerCard(Editable):
        customer = ForeignKeyField(Customer, on_delete="CASCADE")
        card_number = CharField(max_length=32)
        card_tail = CharField(max_length=6, index=True)
        card_type = _code()

    class CustomerTag(Base):
        customer = ForeignKeyField(Customer, on_delete="CASCADE", index=False)
        tag = CharField(max_length=64, index=True)
        created_at = _ts()

        class Meta:
            indexes = ((("customer", "tag"), True),)

    class CustomerSearchKey(Base):
        customer = ForeignKeyField(Customer, on_delete="CASCADE")
        kind = CharField(max_length=32)
        key = CharField(max_length=255)

        class Meta:
            indexes = ((("kind", "key"), False),)

    class Consent(Base):
        customer = ForeignKeyField(Customer, index=False)
        purpose = _code()
        channel = _code()
        granted = BooleanField()
        source = _code()
        recorded_at = _ts()
        recorded_by = ForeignKeyField(StaffUser, null=True)
        note = TextField()

        class Meta:
            indexes = ((("customer", "purpose", "channel", "recorded_at"), False),)

    class Product(Editable):
        code = CharField(max_length=32, unique=True)
        name_zh = CharField(max_length=200)
        name_en = CharField(max_length=200)
        category = _code()
        risk_level = IntegerField(constraints=[Check("risk_level BETWEEN 1 AND 5")])
        dual_recording = BooleanField()
        active = BooleanField()

    class Interaction(Editable):
        customer = ForeignKeyField(Customer, index=False)
        staff = ForeignKeyField(StaffUser, index=False)
        ts = _ts(index=True)
        channel = _code()
        direction = _code()
        category = _code()
        notes = TextField()
        duration_s = IntegerField(null=True)
        outcome = _code(null=True)
        verification = _code()
        satisfaction = IntegerField(null=True, constraints=[Check("satisfaction BETWEEN 1 AND 5")])
        satisfaction_reason = TextField(null=True)
        fraud_flag = BooleanField()

        class Meta:
            indexes = ((("customer", "ts"), False), (("staff", "ts"), False))

    class FeedbackTag(Base):
        interaction = ForeignKeyField(Interaction, on_delete="CASCADE")
        kind = _code()
        product = ForeignKeyField(Product, null=True)
        text = TextField()
        created_at = _ts()

        class Meta:
            indexes = ((("kind", "created_at"), False),)

    class VerificationAttempt(Base):
        customer = ForeignKeyField(Customer, index=False)
        interaction = ForeignKeyField(Interaction, null=True)
        staff = ForeignKeyField(StaffUser)
        ts = _ts()
        results = TextField()
        success = BooleanField()

        class Meta:
            indexes = ((("customer", "ts"), False),)

    class AnswerTemplate(Editable):
        title = CharField(max_length=200)
        body = TextField()
        language = _code()
        category = CharField(max_length=64)
        keywords = TextField()
        active = BooleanField()
        updated_by = ForeignKeyField(StaffUser, null=True)

    class Department(Editable):
        name = CharField(max_length=100, unique=True)
        active = BooleanField()

    class CaseCategory(Editable):
        code = CharField(max_length=32, unique=True)
        name_zh = CharField(max_length=100)
        name_en = CharField(max_length=100)
        active = BooleanField()

    class ComplaintCase(Editable):
        case_no = CharField(max_length=32, unique=True)
        customer = ForeignKeyField(Customer)
        interaction = ForeignKeyField(Interaction, null=True)
        category = ForeignKeyField(CaseCategory)
        severity = _code()
        department = ForeignKeyField(Department, null=True)
        owner = ForeignKeyField(StaffUser, null=True, index=False)
        accused_staff = ForeignKeyField(StaffUser, null=True)
        status = _code()
        priority = _code()
        escalated = BooleanField()
        repeat_of = ForeignKeyField("self", null=True)
        summary = CharField(max_length=200)
        description = TextField()
        opened_at = _ts()
        first_feedback_due = _ts(null=True)
        first_feedback_at = _ts(null=True)
        resolution_due = _ts()
        extension_level = IntegerField(constraints=[Check("extension_level BETWEEN 0 AND 2")])
        paused_since = _ts(null=True)
        paused_seconds = IntegerField()
        resolution = TextField()
        root_cause = TextField()
        corrective_action = TextField()
        further_channels_told = BooleanField()
        resolved_at = _ts(null=True)
        satisfaction = IntegerField(null=True, constraints=[Check("satisfaction BETWEEN 1 AND 5")])
        closed_at = _ts(null=True)

        class Meta:
            indexes = ((("status", "resolution_due"), False), (("owner", "status"), False))

    class CaseUpdate(Base):
        case = ForeignKeyField(ComplaintCase, on_delete="CASCADE", index=False)
        ts = _ts()
        author = ForeignKeyField(StaffUser)
        kind = _code()
        text = TextField()
        status_from = _code(null=True)
        status_to = _code(null=True)

        class Meta:
            indexes = ((("case", "ts"), False),)

    class CaseExtension(Base):
        case = ForeignKeyField(ComplaintCase, on_delete="CASCADE")
        level = IntegerField(constraints=[Check("level BETWEEN 1 AND 2")])
        requested_by = ForeignKeyField(StaffUser)
        approved_by = ForeignKeyField(StaffUser, null=True)
        reason = TextField()
        ts = _ts()
        new_due = _ts()

    class Escalation(Base):
        interaction = ForeignKeyField(Interaction, null=True)
        customer = ForeignKeyField(Customer)
        case = ForeignKeyField(ComplaintCase, null=True)
        kind = _code()
        rule_id = CharField(max_length=64, null=True)
        evidence_text = TextField()
        action_taken = _code(null=True)
        note = TextField()
        created_by = ForeignKeyField(StaffUser)
        ts = _ts()

        class Meta:
            indexes = ((("kind", "ts"), False),)

    class Opportunity(Editable):
        customer = ForeignKeyField(Customer)
        interaction = ForeignKeyField(Interaction, null=True)
        rule_id = CharField(max_length=64, null=True)
        category = _code()
        product = ForeignKeyField(Product, null=True)
        evidence_text = TextField()
        evidence_start = IntegerField(null=True)
        evidence_end = IntegerField(null=True)
        status = _code()
        decided_by = ForeignKeyField(StaffUser, null=True)
        decided_at = _ts(null=True)

        class Meta:
            indexes = ((("status", "created_at"), False),)

    class ExportBatch(Base):
        created_by = ForeignKeyField(StaffUser)
        created_at = _ts(index=True)
        recipient = CharField(max_length=200)
        purpose = CharField(max_length=200)
        profile = CharField(max_length=64)
        file_format = _code()
        row_count = IntegerField()
        file_sha256 = CharField(max_length=64)
        file_name = CharField(max_length=255)

    class Lead(Editable):
        customer = ForeignKeyField(Customer)
        opportunity = ForeignKeyField(Opportunity, null=True)
        product = ForeignKeyField(Product)
        referred_by = ForeignKeyField(StaffUser)
        state = _code()
        batch = ForeignKeyField(ExportBatch, null=True)
        block_reason = CharField(max_length=64, null=True)
        override_reason = TextField(null=True)
        override_by = ForeignKeyField(StaffUser, null=True)
        dual_recording_required = BooleanField()
        external_ref = CharField(max_length=100, null=True, index=True)
        sales_owner = CharField(max_length=100, null=True)
        outcome_note = TextField()

        class Meta:
            indexes = ((("state", "created_at"), False),)

    class FollowUp(Editable):
        customer = ForeignKeyField(Customer)
        owner = ForeignKeyField(StaffUser, index=False)
        due_at = _ts()
        purpose = _code()
        case = ForeignKeyField(ComplaintCase, null=True)
        opportunity = ForeignKeyField(Opportunity, null=True)
        interaction = ForeignKeyField(Interaction, null=True)
        status = _code()
        attempts = IntegerField()
        chained_from = ForeignKeyField("self", null=True)
        note = TextField()
        created_by = ForeignKeyField(StaffUser)
        completed_at = _ts(null=True)
        snoozed_until = _ts(null=True)

        class Meta:
            indexes = ((("owner", "status", "due_at"), False), (("status", "due_at"), False))

    class FollowUpAttempt(Base):
        followup = ForeignKeyField(FollowUp, on_delete="CASCADE", index=False)
        ts = _ts()
        staff = ForeignKeyField(StaffUser)
        outcome = _code()
        note = TextField()
        rescheduled_to = _ts(null=True)
        interaction = ForeignKeyField(Interaction, null=True)

        class Meta:
            indexes = ((("followup", "ts"), False),)

    class CareCadence(Editable):
        segment = _code(unique=True)
        interval_days = IntegerField(constraints=[Check("interval_days > 0")])

    class Setting(Editable):
        key = CharField(max_length=128, unique=True)
        value = TextField(null=True)
        updated_by = ForeignKeyField(StaffUser, null=True)

    class AuditLog(Base):
        ts = _ts(index=True)
        actor = ForeignKeyField(StaffUser, null=True, index=False)
        actor_name = CharField(max_length=100)
        action = _code()
        entity = CharField(max_length=64)
        entity_id = CharField(max_length=64, null=True)
        detail = TextField()

        class Meta:
            indexes = ((("entity", "entity_id", "ts"), False), (("actor", "ts"), False))

    return [
        StaffUser, Customer, CustomerPhone, CustomerEmail, CustomerAddress, CustomerCard, CustomerTag,
        CustomerSearchKey, Consent, Product, Interaction, FeedbackTag, VerificationAttempt,
        AnswerTemplate, Department, CaseCategory, ComplaintCase, CaseUpdate, CaseExtension, Escalation,
        Opportunity, ExportBatch, Lead, FollowUp, FollowUpAttempt, CareCadence, Setting, AuditLog,
    ]


def _audit_triggers_up(db):
    if isinstance(db, SqliteDatabase):
        for event in ("UPDATE", "DELETE"):
            db.execute_sql(
                f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{AUDIT_APPEND_ONLY}'); END")
    elif isinstance(db, PostgresqlDatabase):
        db.execute_sql(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{AUDIT_APPEND_ONLY}' USING ERRCODE = 'P0001'; END $$")
        db.execute_sql(
            "CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()")
        db.execute_sql(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()")
    else:
        raise NotImplementedError(f"unsupported database: {type(db).__name__}")


def up(migrator, db):
    db.create_tables(_models(db), safe=False)
    _audit_triggers_up(db)


def down(migrator, db):
    # Dropping the table drops its triggers on both backends; the PostgreSQL function goes separately.
    db.drop_tables(_models(db), safe=False)
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql("DROP FUNCTION audit_log_append_only()")
