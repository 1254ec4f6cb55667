"""New leads handed to sales as a CSV or XLSX file, one recorded batch per file.

Each profile (crm.exports.lead_profiles) writes only the columns the receiving side needs. Identifiers leave
masked (mobile 138****5678), free text goes through the identifier masker and loses anything that looks like
authentication data (C3). Every cell that a spreadsheet could take for a formula (leading = + - @, tab, CR) is
prefixed with a quote (crm.exports.sheets writes the files).

The file is streamed: lead ids first, then rows a chunk at a time, each chunk re-checked for suitability and
consent (suitability.LeadFacts, the facts read by the same query as the row: a lead no longer exportable is
skipped with its check code) and written at once to a temporary file beside the target. What changes is one
transaction on a writer of its own (crm.exports.handover): the batch row, each chunk's leads moved to
``handed_over`` while the rows are written, then the checksum, the audit row, and last the rename of the file
into place.
Any failure removes the temporary file and changes no lead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import peewee

from crm import identifiers
from crm.detection import Evidence, sentence
from crm.codes import AuditAction, FileFormat, LeadState, PhoneKind
from crm.errors import ConflictError, ValidationError
from crm.exports.handover import HandOver
from crm.exports.lead_profiles import PROFILES, LeadRecord, Profile, split_name
from crm.exports.sheets import XLSX_OPTIONS, neutralise, write_temp
from crm.exports.sheets import file_sha256 as _sha256
from crm.exports.sheets import replace_file as _replace
from crm.models import Customer, CustomerPhone, ExportBatch, Interaction, Lead, Opportunity, Product, StaffUser
from crm.models.fields import parse_utc
from crm.services import audit, suitability

if TYPE_CHECKING:
    from crm.services.leads import LeadFilter

__all__ = ["PROFILES", "XLSX_OPTIONS", "ExportResult", "LeadRecord", "Profile", "export_leads", "neutralise",
           "skip_counts", "split_name", "write_rows"]

ENTITY = "export_batch"
CHUNK = 1000  # ids per row query: one round trip per thousand leads, bounded memory
MAX_TEXT = 2000  # free text per cell; notes longer than this are cut (Excel's own limit is 32,767)
MAX_LABEL = 200  # recipient / purpose


# --- writing ---------------------------------------------------------------------------------------

def write_rows(path: Path | str, rows: Iterable[LeadRecord], *, fmt: str, profile: str, bom: bool = True) -> int:
    """Write ``rows`` with ``profile``'s columns to ``path`` (no database, no batch): the pure writer.

    Written beside the target and renamed when complete, like the export. Returns the number of rows.
    """
    fmt_, prof = _check_format(fmt), _check_profile(profile)
    path = Path(path)
    count = 0

    def produce(sink) -> None:
        nonlocal count
        for chunk in _chunks(iter(rows), CHUNK):
            sink.write(map(prof.row, chunk))
            count += len(chunk)

    tmp = write_temp(path, fmt_, prof.headers, prof.widths, bom, produce)
    try:
        _replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count


# --- reading leads ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ExportResult:
    batch_id: int
    path: Path
    row_count: int
    sha256: str
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (lead id, check code), in id order


def _check_format(fmt: str) -> FileFormat:
    try:
        return FileFormat(str(fmt).lower())
    except ValueError:
        raise ValidationError("invalid_choice", field="format", value=str(fmt)) from None


def _check_profile(profile: str) -> Profile:
    found = PROFILES.get(str(profile).lower())
    if found is None:
        raise ValidationError("invalid_choice", field="profile", value=str(profile))
    return found


def _check_label(value: str, name: str) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError("required", field=name)
    if len(value) > MAX_LABEL:
        raise ValidationError("too_long", field=name, max=MAX_LABEL)
    return value


def _chunks(it: Iterator, n: int) -> Iterator[list]:
    while True:
        chunk = []
        for item in it:
            chunk.append(item)
            if len(chunk) == n:
                break
        if not chunk:
            return
        yield chunk


def _candidate_ids(lead_ids: Sequence[int] | None, f: LeadFilter | None) -> list[int]:
    """Explicit ids (any state: those not new are reported) or the filter's new leads, ascending."""
    if lead_ids is not None:
        return sorted({int(i) for i in lead_ids})
    if f is not None:
        from crm.services import leads

        return sorted(leads.lead_ids(replace(f, states=(LeadState.NEW.value,))))
    query = Lead.select(Lead.id).where(Lead.state == LeadState.NEW).order_by(Lead.id)
    return [row[0] for row in _raw(query)]


class _Mobile:
    """mask_phone, with a shortcut for the common stored form (11 ASCII digits of a mainland mobile)."""

    def __init__(self, policy: identifiers.MaskPolicy) -> None:
        self.policy = policy
        template = identifiers.mask_phone("1" * 11, policy)  # which ends the policy shows, and the fill
        self.head = len(template) - len(template.lstrip("1"))
        self.tail = len(template) - len(template.rstrip("1"))
        self.fill = template[self.head] if self.head < 11 - self.tail else "*"
        self.stars = self.fill * (11 - self.head - self.tail)
        self.cut = 11 - self.tail

    def __call__(self, number: str | None) -> str:
        if not number:
            return ""
        if len(number) == 11 and number[0] == "1" and number.isdigit() and number.isascii():
            return number[:self.head] + self.stars + number[self.cut:]
        return identifiers.mask_phone(number, self.policy)


def _mask_policy() -> identifiers.MaskPolicy:
    """The team's mobile mask (option ``mask.mobile``, "start,end"); the default when unset or invalid."""
    from crm.services.options import option

    raw = str(option("mask.mobile") or "")
    try:
        return identifiers.MaskPolicy.from_mapping({"mobile": [int(p) for p in raw.split(",")]})
    except (ValueError, ValidationError):
        return identifiers.MaskPolicy()


_HAS_DIGIT = re.compile(r"\d").search


def _clean_note(text: str | None, policy: identifiers.MaskPolicy) -> str:
    """Identifiers masked and authentication data (C3) blanked out; only text with digits can hold either."""
    text = text or ""
    if not text or not _HAS_DIGIT(text):
        return text[:MAX_TEXT]
    hits = identifiers.find_auth_data(text)
    for hit in reversed(hits):
        text = text[:hit.start] + "***" + text[hit.end:]
    return identifiers.mask_identifiers_in_text(text, policy)[:MAX_TEXT]


def _flag_codes(stored: str | None) -> tuple[str, ...]:
    if not stored:
        return ()
    return tuple(c for c in (p.strip() for p in stored.split(",")) if c)


def _raw(query: peewee.Query) -> list[tuple]:
    return Lead._meta.database.execute(query).fetchall()


_SLOT = "(__ids__)"


def _ids_in(field: peewee.Field) -> peewee.Expression:
    """``field IN (…)``, the list filled in per chunk by _IdQuery.run."""
    return peewee.Expression(field, peewee.OP.IN, peewee.SQL(_SLOT))


class _IdQuery:
    """A query with one id list, compiled by peewee once and run per chunk with the ids bound directly.

    Built per chunk, peewee spends ~2 µs on every bound value and renders the list twice: for 1,000 ids as
    long as the database takes to read the 1,000 rows."""

    def __init__(self, query: peewee.Query) -> None:
        db = Lead._meta.database
        sql, params = db.get_sql_context().sql(query).query()
        self.head, self.tail = sql.split(_SLOT)
        at = self.head.count(db.param)  # every value is bound, so placeholders are the only such text
        self.before, self.after, self.param = list(params[:at]), list(params[at:]), db.param

    def run(self, ids: Sequence[int]) -> Any:
        marks = ", ".join([self.param] * len(ids))
        return Lead._meta.database.execute_sql(f"{self.head}({marks}){self.tail}",
                                               [*self.before, *ids, *self.after])

    def rows(self, ids: Sequence[int]) -> list[tuple]:
        """Raw driver rows (no per-column conversion: a third of the read time)."""
        return self.run(ids).fetchall() if ids else []


class _Product(NamedTuple):
    code: str
    name_zh: str
    name_en: str
    category: str
    risk_level: int
    dual_recording: Any
    active: Any


# The chunk query: suitability's facts (suitability.FACT_COLUMNS of them, for the re-check), then these.
_CREATED, _STATE, _BLOCK, _OVERRIDE_BY, _OVERRIDE_CODES, _REFERRER, _FLAGS, _DUAL, _NAME, _EVIDENCE, _PHONE, \
    _OVERRIDE_REASON, _NOTES, _EVIDENCE_START, _EVIDENCE_END = range(suitability.FACT_COLUMNS,
                                                                    suitability.FACT_COLUMNS + 15)
_PRODUCT, _CHANNEL = 2, 3  # among the facts: Lead.product, Lead.contact_channel


def _chunk_query() -> peewee.ModelSelect:
    """One query per chunk for both the re-check and the row (the facts read once, not in a second query
    over the same leads). Products and staff are few: read once into dicts (_Lookups) rather than joined."""
    phone = (CustomerPhone.select(CustomerPhone.number).where(CustomerPhone.customer == Lead.customer)
             .order_by(peewee.Case(None, [(CustomerPhone.kind == PhoneKind.MOBILE, 0)], 1),
                       CustomerPhone.is_primary.desc(), CustomerPhone.id).limit(1))
    notes = Interaction.select(Interaction.notes).where(Interaction.id == Opportunity.interaction)
    return suitability.facts_query(Lead.created_at, Lead.state, Lead.block_reason, Lead.override_by,
                                   Lead.override_codes, Lead.referred_by, Lead.flags, Lead.dual_recording_required,
                                   Customer.name, Opportunity.evidence_text, phone, Lead.override_reason, notes,
                                   Opportunity.evidence_start, Opportunity.evidence_end)


class _Lookups:
    """Products and staff names by id, read whole and again only when an unknown id turns up."""

    def __init__(self) -> None:
        self.products: dict[int, _Product] = {}
        self.staff: dict[int, str] = {}

    def product(self, product_id: int) -> _Product:
        found = self.products.get(product_id)
        if found is None:
            query = Product.select(Product.id, Product.code, Product.name_zh, Product.name_en, Product.category,
                                   Product.risk_level, Product.dual_recording, Product.active)
            self.products = {row[0]: _Product._make(row[1:]) for row in _raw(query)}
            found = self.products[product_id]
        return found

    def staff_name(self, staff_id: int) -> str:
        found = self.staff.get(staff_id)
        if found is None:
            self.staff = dict(_raw(StaffUser.select(StaffUser.id, StaffUser.display_name)))
            found = self.staff.get(staff_id) or ""
        return found


class _Rows:
    """Reads a chunk of leads (one query) and decides, lead by lead, what is written and what skipped."""

    def __init__(self, tz: Any, policy: identifiers.MaskPolicy, today: dt.date) -> None:
        self.tz, self.policy, self.today = tz, policy, today
        self.mobile = _Mobile(policy)
        self._dates: dict[str, str] = {}
        self._leads = _IdQuery(_chunk_query())
        self.facts = suitability.LeadFacts(today)  # checked again now: consent withdrawn, rating expired, …
        self.lookups = _Lookups()

    def fetch(self, ids: Sequence[int]) -> list[tuple]:
        """The rows of one chunk of ids (the database's part of a chunk).

        Not on a thread of its own ahead of the writing: the driver takes the GIL back for every row, and
        with the main thread formatting rows both waited on each other (measured slower than in turn)."""
        return self._leads.rows(ids)

    def read(self, ids: Sequence[int], rows: Sequence[tuple]) -> tuple[list[LeadRecord], list[tuple[int, str]]]:
        """(records to write, (lead id, code) skipped) for one chunk of ids and its ``fetch``ed rows, in the
        order of ``ids``."""
        self.facts.prepare(rows)
        found = {row[0]: row for row in rows}
        records: list[LeadRecord] = []
        skipped: list[tuple[int, str]] = []
        checks_of, record = self.facts.checks, self._record
        for lead_id in ids:
            row = found.get(lead_id)
            code = _static_skip(row)
            if code is None:
                checks = checks_of(row)
                if checks and checks[0].blocking:  # blocks come first
                    standing = _standing(row, checks)
                    if standing:
                        code = str(standing[0].code)
            if code is not None:
                skipped.append((lead_id, code))
                continue
            records.append(record(row, checks))
        return records, skipped

    def _record(self, r: tuple, checks: list[suitability.Check]) -> LeadRecord:
        stored = r[_FLAGS]
        flags = _flag_codes(stored) if stored else ()
        if checks:  # the flags raised now, after those stored with the lead
            raised = [str(c.code) for c in checks if not c.blocking]
            if raised:
                flags = flags + tuple(c for c in raised if c not in flags) if flags else tuple(raised)
        lookups, product_id, referrer = self.lookups, r[_PRODUCT], r[_REFERRER]
        p = lookups.products.get(product_id) or lookups.product(product_id)
        created_at = r[_CREATED]
        created = self._dates.get(created_at[:13]) or self._date(created_at)
        override_codes: tuple[str, ...] = ()
        reason = ""
        if r[_OVERRIDE_BY] is not None:  # the override travels with the lead: which blocks, and why
            override_codes = _flag_codes(r[_OVERRIDE_CODES]) or ((r[_BLOCK],) if r[_BLOCK] else ())
            reason = " ".join(_clean_note(r[_OVERRIDE_REASON], self.policy).split())
        return LeadRecord(r[0], created, p.code, p.name_zh, p.name_en or "", p.category, r[_NAME],
                          self.mobile(r[_PHONE]), r[_CHANNEL] or "",
                          lookups.staff.get(referrer) or lookups.staff_name(referrer),
                          bool(r[_DUAL] or p.dual_recording), flags, _clean_note(_said(r), self.policy),
                          override_codes, reason)

    def _date(self, created: str) -> str:
        """The bank's local date of a stored UTC instant, computed once per hour of the day."""
        key = created[:13]  # YYYY-MM-DDTHH: zone offsets change on the hour at most
        found = self._dates[key] = parse_utc(created).astimezone(self.tz).date().isoformat()
        return found


def _said(row: tuple) -> str:
    """What the customer said: the sentence of the call's notes the need was detected in (the phrase alone
    when the notes are gone or the opportunity was entered by hand)."""
    evidence, notes = row[_EVIDENCE] or "", row[_NOTES]
    if not notes or row[_EVIDENCE_START] is None:
        return evidence
    return sentence(notes, Evidence(row[_EVIDENCE_START], row[_EVIDENCE_END], evidence))


def _standing(row: tuple, checks: list[suitability.Check]) -> list[suitability.Check]:
    """The blocks not covered by the lead's override (suitability.uncovered)."""
    return suitability.uncovered(Lead(override_by=row[_OVERRIDE_BY], override_codes=row[_OVERRIDE_CODES] or ""),
                                 checks)


def _static_skip(row: tuple | None) -> str | None:
    """Why a lead is out before any check: gone, no longer new, or blocked and not overridden."""
    if row is None:
        return "not_found"
    if row[_STATE] != LeadState.NEW:
        return "not_new"
    if row[_BLOCK] and row[_OVERRIDE_BY] is None:
        return str(row[_BLOCK])  # blocked and not overridden: never exported
    return None


# --- the export ------------------------------------------------------------------------------------

def export_leads(actor: StaffUser, path: Path | str, *, fmt: str, profile: str,
                 lead_ids: Sequence[int] | None = None, f: LeadFilter | None = None, bom: bool = True,
                 recipient: str, purpose: str, today: dt.date | None = None) -> ExportResult:
    """Write the exportable new leads (``lead_ids``, else those matching ``f``, else every new lead) to ``path``.

    Raises ValidationError for a bad format/profile/recipient/purpose and ``nothing_to_export`` when no lead may
    go out (details: ``skipped`` how many, ``codes`` the check codes, ``counts`` {code: leads}, most first);
    ConflictError ``leads_changed`` when a lead left state ``new`` while the file was being written (nothing is
    recorded then and no file is left).
    """
    if not isinstance(actor, StaffUser):
        raise ValidationError("required", field="actor")
    fmt_, prof = _check_format(fmt), _check_profile(profile)
    recipient, purpose = _check_label(recipient, "recipient"), _check_label(purpose, "purpose")
    path = Path(path)
    from crm.workcalendar import default_calendar

    reader = _Rows(default_calendar().tz, _mask_policy(), today or dt.datetime.now(default_calendar().tz).date())
    ids = _candidate_ids(lead_ids, f)
    skipped: list[tuple[int, str]] = []
    exported = 0
    tmp: Path | None = None
    renamed = False

    def open_batch() -> int:
        return ExportBatch.create(created_by=actor, recipient=recipient, purpose=purpose, profile=prof.name,
                                  file_format=fmt_, row_count=0, file_sha256="", file_name=path.name).id

    def close(batch_id: int | None, moved: int) -> tuple[int, str]:
        """Last in the hand-over's transaction: the count checked, the batch completed, audited, renamed."""
        nonlocal renamed
        if not exported or batch_id is None:
            raise ValidationError("nothing_to_export", field="leads", skipped=len(skipped),
                                  codes=sorted({code for _, code in skipped}), counts=skip_counts(skipped))
        if moved != exported:
            raise ConflictError("leads_changed", entity="lead", expected=exported, changed=moved)
        digest = _sha256(tmp)
        ExportBatch.update(row_count=exported, file_sha256=digest).where(ExportBatch.id == batch_id).execute()
        audit.record(actor, AuditAction.EXPORT, ENTITY, batch_id, count=exported, sha256=_fingerprint(digest),
                     profile=prof.name, format=fmt_.value, recipient=recipient, purpose=purpose, file=path.name,
                     skipped=len(skipped))
        _replace(tmp, path)
        renamed = True
        return batch_id, digest

    try:
        # One transaction, on the hand-over's own connection (crm.exports.handover): the batch row, each chunk's
        # leads moved into it while the file is written, then close(); any failure rolls it all back.
        with HandOver(open_batch) as hand_over:

            def produce(sink) -> None:
                nonlocal exported
                for start in range(0, len(ids), CHUNK):
                    chunk = ids[start:start + CHUNK]
                    records, skips = reader.read(chunk, reader.fetch(chunk))
                    skipped.extend(skips)
                    hand_over.submit([r.lead_id for r in records])  # moved while these rows are written
                    sink.write(map(prof.row, records))
                    exported += len(records)

            tmp = write_temp(path, fmt_, prof.headers, prof.widths, bom, produce)
            batch_id, digest = hand_over.finish(close)
    except BaseException:
        if renamed:  # the commit itself failed after the rename: do not leave an unrecorded file behind
            path.unlink(missing_ok=True)
        elif tmp is not None:
            tmp.unlink(missing_ok=True)
        raise
    return ExportResult(batch_id, path, exported, digest, skipped)


def skip_counts(skipped: Iterable[tuple[int, str]]) -> dict[str, int]:
    """{check code: leads skipped for it}, the most frequent first (ties by code)."""
    counts: dict[str, int] = {}
    for _, code in skipped:
        counts[code] = counts.get(code, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _fingerprint(digest: str) -> str:
    """ab:cd:… (openssl dgst -c style): the audit log's identifier masker would take long digit runs of a
    bare hex digest for card or phone numbers and star them out."""
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))
