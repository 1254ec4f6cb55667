"""Answer templates (标准化应答模板): the default knowledge base, search, supervisor-only edits, rendering."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee

from crm import names, paths
from crm.codes import AuditAction, Language, StaffRole
from crm.errors import NotFound, PermissionDenied, ValidationError
from crm.models import AnswerTemplate, StaffUser
from crm.services import audit
from crm.services.base import versioned_update

ENTITY = "answer_template"
FILE_ERROR = "invalid_template_file"
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_TITLE = 200
MAX_CATEGORY = 64
MAX_KEYWORDS = 2000
EDITOR_ROLES = (StaffRole.SUPERVISOR, StaffRole.ADMIN)
EDITABLE = frozenset({"title", "body", "language", "category", "keywords", "active"})

_SLUG = re.compile(r"[a-z0-9][a-z0-9_]{0,63}")
_ENTRY_KEYS = frozenset({"id", "category", "keywords", *(lang.value for lang in Language)})
_TEXT_KEYS = frozenset({"title", "body"})
_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*template[ \t]*\]\]", re.MULTILINE)
_TOML_POSITION = re.compile(r"line (\d+), column (\d+)")
# {name}: no spaces or braces inside, so JSON snippets and stray braces in a body are left alone.
PLACEHOLDER = re.compile(r"\{([^{}\s]{1,64})\}")  # {客户称呼}: group 1 is the name


@dataclass(frozen=True)
class TemplateRow:
    """One stored template as the UI sees it; ``keywords`` split on spaces."""

    id: int
    title: str
    body: str
    language: str
    category: str
    keywords: tuple[str, ...]
    version: int
    active: bool = True


def default_path() -> Path:
    """resources/templates/answer_templates.toml next to the packages, or inside the PyInstaller bundle."""
    return paths.resource("templates", "answer_templates.toml")


# --- field checks (shared by the file loader and the editing services) ----------------------------

def _check_title(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("required", field="title")
    value = value.strip()
    if len(value) > MAX_TITLE:
        raise ValidationError("too_long", field="title", max=MAX_TITLE)
    return value


def _check_body(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("required", field="body")
    return value.strip()


def _check_language(value: Any) -> Language:
    try:
        return Language(value)
    except ValueError:
        raise ValidationError("invalid_choice", field="language", value=str(value)) from None


def _check_category(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError("invalid_type", field="category")
    value = value.strip()
    if len(value) > MAX_CATEGORY:
        raise ValidationError("too_long", field="category", max=MAX_CATEGORY)
    return value


def _check_keywords(value: Any) -> str:
    """A string or a list of strings -> space-separated words, duplicates dropped, order kept."""
    if value is None:
        return ""
    if not isinstance(value, str | Iterable):
        raise ValidationError("invalid_type", field="keywords")
    parts = [value] if isinstance(value, str) else list(value)
    if not all(isinstance(p, str) for p in parts):
        raise ValidationError("invalid_type", field="keywords")
    words = list(dict.fromkeys(word for part in parts for word in part.split()))
    joined = " ".join(words)
    if len(joined) > MAX_KEYWORDS:
        raise ValidationError("too_long", field="keywords", max=MAX_KEYWORDS)
    return joined


# --- the default knowledge base file ------------------------------------------------------------

def load_defaults(path: Path | str | None = None) -> list[dict[str, Any]]:
    """Parse and validate the templates file: one dict per (entry, language), in file order.

    Each dict has ``id`` (the entry's slug), ``language``, ``title``, ``body``, ``category`` and
    ``keywords`` (a space-separated string). Any problem raises
    ``ValidationError('invalid_template_file', field=…, entry=<id or #n>, line=…, reason=…)``.
    """
    path = Path(path) if path is not None else default_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValidationError(FILE_ERROR, field="file", reason="not_found", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = "encoding" if isinstance(exc, UnicodeDecodeError) else "unreadable"
        raise ValidationError(FILE_ERROR, field="file", reason=reason, path=str(path)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        raise ValidationError(FILE_ERROR, field="syntax", reason="toml_syntax",
                              line=int(found.group(1)) if found else None,
                              column=int(found.group(2)) if found else None) from None
    unknown = sorted(set(data) - {"template"})
    if unknown:
        raise ValidationError(FILE_ERROR, field=unknown[0], reason="unknown_key")
    entries = data.get("template")
    if not isinstance(entries, list) or not entries:
        raise ValidationError(FILE_ERROR, field="template", reason="missing")
    header_lines = [text.count("\n", 0, m.start()) + 1 for m in _HEADER.finditer(text)]
    if len(header_lines) != len(entries):  # written as inline tables: no line to point at
        header_lines = [None] * len(entries)
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, (entry, line) in enumerate(zip(entries, header_lines, strict=True)):
        rows.extend(_entry_rows(entry, f"#{index + 1}", line, seen))
    return rows


def _entry_rows(entry: Any, label: str, line: int | None, seen: set[str]) -> list[dict[str, Any]]:
    def bad(field: str, reason: str) -> ValidationError:
        return ValidationError(FILE_ERROR, field=field, entry=label, line=line, reason=reason)

    if not isinstance(entry, dict):
        raise bad("template", "not_a_table")
    slug = entry.get("id")
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        raise bad("id", "missing" if slug is None else "invalid")
    label = slug
    if slug in seen:
        raise bad("id", "duplicate")
    seen.add(slug)
    extra = sorted(set(entry) - _ENTRY_KEYS)
    if extra:
        raise bad(extra[0], "unknown_key")
    category = entry.get("category")
    if not isinstance(category, str) or not _SLUG.fullmatch(category):
        raise bad("category", "missing" if category is None else "invalid")
    keywords = entry.get("keywords")
    if not isinstance(keywords, list):
        raise bad("keywords", "missing" if keywords is None else "invalid")
    try:
        joined = _check_keywords(keywords)
    except ValidationError as exc:
        raise bad("keywords", exc.code) from None
    rows = []
    for language in Language:
        texts = entry.get(language.value)
        if not isinstance(texts, dict):
            raise bad(language.value, "missing" if texts is None else "not_a_table")
        extra = sorted(set(texts) - _TEXT_KEYS)
        if extra:
            raise bad(f"{language.value}.{extra[0]}", "unknown_key")
        checked = {}
        for key, check in (("title", _check_title), ("body", _check_body)):
            try:
                checked[key] = check(texts.get(key))
            except ValidationError as exc:
                raise bad(f"{language.value}.{key}", exc.code) from None
        rows.append({"id": slug, "language": language.value, **checked, "category": category,
                     "keywords": joined})
    return rows


def ensure_defaults(actor: StaffUser | None = None, path: Path | str | None = None) -> int:
    """Insert the default templates if the table is empty; returns how many were inserted (0 if any exist).

    The file is validated before anything is written. Concurrent first starts in team mode are
    serialised by a table lock, so the defaults are never inserted twice.
    """
    rows = load_defaults(path)
    db = AnswerTemplate._meta.database
    is_postgres = isinstance(getattr(db, "obj", db), peewee.PostgresqlDatabase)
    # SQLite: take the write lock up front so a second process waits instead of inserting again.
    with db.atomic() if is_postgres else db.atomic("IMMEDIATE"):
        if is_postgres:
            # Conflicts with itself and with writers, not with readers.
            db.execute_sql(f'LOCK TABLE "{AnswerTemplate._meta.table_name}" IN SHARE ROW EXCLUSIVE MODE')
        if AnswerTemplate.select().exists():
            return 0
        updated_by = actor.id if isinstance(actor, StaffUser) else None
        records = [{"title": r["title"], "body": r["body"], "language": r["language"],
                    "category": r["category"], "keywords": r["keywords"], "active": True,
                    "updated_by": updated_by} for r in rows]
        for batch in peewee.chunked(records, 100):
            AnswerTemplate.insert_many(batch).execute()
        audit.record(actor, AuditAction.IMPORT, ENTITY, None, source="defaults", count=len(records),
                     entries=len({r["id"] for r in rows}))
    return len(records)


# --- reading ------------------------------------------------------------------------------------

def _to_row(row: AnswerTemplate) -> TemplateRow:
    return TemplateRow(id=row.id, title=row.title, body=row.body, language=str(row.language),
                       category=row.category, keywords=tuple(row.keywords.split()), version=row.version,
                       active=bool(row.active))


def get(template_id: int) -> TemplateRow:
    """One template, active or not; NotFound when it does not exist."""
    row = AnswerTemplate.get_or_none(AnswerTemplate.id == template_id)
    if row is None:
        raise NotFound("not_found", entity=ENTITY, id=template_id)
    return _to_row(row)


@functools.lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    # Template texts change rarely and repeat on every keystroke of a search: fold each once.
    return names.fold(text)


def _rank(row: AnswerTemplate, phrase: str, terms: list[str]) -> int | None:
    """0 phrase in title, 1 every word in title, 2 in title or keywords, 3 anywhere; None: no match."""
    title = _folded(row.title)
    if phrase in title:
        return 0
    if all(t in title for t in terms):
        return 1
    keywords = _folded(row.keywords)
    if all(t in title or t in keywords for t in terms):
        return 2
    body = _folded(row.body)
    if all(t in title or t in keywords or t in body for t in terms):
        return 3
    return None


def search(text: str, language: str | None = None, limit: int = DEFAULT_LIMIT) -> list[TemplateRow]:
    """Active templates whose title, keywords or body contain every word of ``text``; title matches first.

    Matching is on folded text (case, full-width and traditional characters do not matter). An
    empty ``text`` lists every active template by category and title. The table is small (hundreds
    of rows), so rows are filtered here rather than in SQL.
    """
    limit = max(1, min(int(limit), MAX_LIMIT))
    query = AnswerTemplate.select().where(AnswerTemplate.active == True)  # noqa: E712 (peewee expression)
    if language is not None:
        query = query.where(AnswerTemplate.language == _check_language(language))
    phrase = names.fold(text or "").strip()
    terms = phrase.split()
    hits = []
    for row in query:
        rank = _rank(row, phrase, terms) if terms else 0
        if rank is not None:
            hits.append((rank, row.category, _folded(row.title), row.id, row))
    hits.sort(key=lambda hit: hit[:4])
    return [_to_row(hit[-1]) for hit in hits[:limit]]


# --- editing (supervisors and admins) ----------------------------------------------------------

def _require_editor(actor: StaffUser | None) -> None:
    if actor is None or not actor.active or actor.role not in EDITOR_ROLES:
        raise PermissionDenied("role_required", role=StaffRole.SUPERVISOR.value)


def create(actor: StaffUser, title: str, body: str, language: str = Language.ZH, category: str = "",
           keywords: str | Iterable[str] = ()) -> TemplateRow:
    """Add a template; supervisors and admins only. Validation errors name the field."""
    _require_editor(actor)
    columns = {"title": _check_title(title), "body": _check_body(body),
               "language": _check_language(language), "category": _check_category(category),
               "keywords": _check_keywords(keywords)}
    with AnswerTemplate._meta.database.atomic():
        row = AnswerTemplate.create(**columns, active=True, updated_by=actor.id)
        audit.record(actor, AuditAction.CREATE, ENTITY, row.id, language=columns["language"],
                     category=columns["category"], title=columns["title"])
    return get(row.id)


def _clean_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(changes) - EDITABLE)
    if unknown:
        raise ValidationError("not_editable", field=unknown[0])
    checks = {"title": _check_title, "body": _check_body, "language": _check_language,
              "category": _check_category, "keywords": _check_keywords}
    clean = {}
    for key, value in changes.items():
        if key == "active":
            if not isinstance(value, bool):
                raise ValidationError("invalid_type", field="active")
            clean[key] = value
        else:
            clean[key] = checks[key](value)
    return clean


def update(actor: StaffUser, template_id: int, expected_version: int, **changes: Any) -> TemplateRow:
    """Edit fields of one template read at ``expected_version``; ConflictError if someone saved first."""
    _require_editor(actor)
    clean = _clean_changes(changes)
    with AnswerTemplate._meta.database.atomic():
        version = versioned_update(AnswerTemplate, template_id, expected_version,
                                   {**clean, "updated_by": actor.id})
        audit.record(actor, AuditAction.UPDATE, ENTITY, template_id, fields=sorted(clean),
                     version=version)
    return get(template_id)


def deactivate(actor: StaffUser, template_id: int, expected_version: int) -> TemplateRow:
    """Hide a template from search (kept for history; ``update(…, active=True)`` brings it back)."""
    return update(actor, template_id, expected_version, active=False)


# --- rendering ----------------------------------------------------------------------------------

def placeholders(body: str) -> tuple[str, ...]:
    """The ``{name}`` placeholders of a body, each once, in order of first appearance."""
    return tuple(dict.fromkeys(PLACEHOLDER.findall(body)))


def render(body: str, /, **values: Any) -> str:
    """Fill ``{name}`` placeholders whose value is given (not None); leave every other one as it is.

    Chinese names work as keywords too: ``render(body, 客户称呼="张先生")``.
    """
    def fill(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return match.group(0) if value is None else str(value)

    return PLACEHOLDER.sub(fill, body)
