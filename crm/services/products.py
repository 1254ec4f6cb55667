"""The product catalogue (产品目录): the shipped/edited TOML file, syncing it into the database, listing and
editing products (administrators only).

The file is checked as a whole before anything is written: a mistake raises
``ValidationError("bad_catalogue", file, line, product, field, reason)`` naming the line and the product code,
and the database is left as it was.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crm import paths
from crm.codes import AuditAction, ProductCategory, StaffRole
from crm.errors import NotFound, PermissionDenied, ValidationError
from crm.models import Product, StaffUser
from crm.services import audit
from crm.services.base import versioned_update

ENTITY = "product"
MAX_NAME = 200
CODE_RE = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,31}")
_KEYS = ("code", "name_zh", "name_en", "category", "risk_level", "dual_recording", "active")
EDITABLE = frozenset(_KEYS) - {"code"}  # a code is never renamed: leads and rules refer to it


@dataclass(frozen=True)
class ProductSpec:
    """One product as the catalogue file states it; ``line`` is where its [[product]] table starts (0: not
    from a file)."""

    code: str
    name_zh: str
    name_en: str
    category: str
    risk_level: int
    dual_recording: bool = False
    active: bool = True
    line: int = 0

    def columns(self) -> dict[str, Any]:
        return {"code": self.code, "name_zh": self.name_zh, "name_en": self.name_en,
                "category": ProductCategory(self.category), "risk_level": self.risk_level,
                "dual_recording": self.dual_recording, "active": self.active}


@dataclass(frozen=True)
class ProductRow:
    id: int
    code: str
    name_zh: str
    name_en: str
    category: str
    risk_level: int
    dual_recording: bool
    active: bool
    version: int


# --- the file ----------------------------------------------------------------------------------------

def catalogue_path() -> Path:
    """resources/products.toml next to the packages, or inside the PyInstaller bundle."""
    return paths.resource("products.toml")


def _bad(path: Path, line: int | None, product: str | None, field: str | None, reason: str) -> ValidationError:
    return ValidationError("bad_catalogue", file=str(path), line=line, product=product, field=field, reason=reason)


def _table_lines(text: str) -> tuple[list[int], list[str]]:
    """Line numbers (1-based) where each [[product]] table starts, and the file's lines."""
    lines = text.splitlines()
    starts = [i + 1 for i, line in enumerate(lines) if re.match(r"\s*\[\[\s*product\s*\]\]", line)]
    return starts, lines


def _key_line(lines: list[str], start: int, end: int, key: str) -> int:
    """The line of ``key = …`` inside the table spanning lines [start, end), else the table's own line."""
    pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number in range(start + 1, min(end, len(lines) + 1)):
        if pattern.match(lines[number - 1]):
            return number
    return start


def validate_fields(values: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Check product columns; raises ``ValidationError(<reason>, field=…)``. ``partial``: only the keys given
    (an edit), else the whole product with defaults filled in."""
    out: dict[str, Any] = {}
    for key in values:
        if key not in _KEYS:
            raise ValidationError("unknown_key", field=str(key))
    if not partial:
        for key in ("code", "name_zh", "category", "risk_level"):
            if key not in values:
                raise ValidationError("missing", field=key)
    for key, value in values.items():
        if key in ("code", "name_zh", "name_en"):
            if not isinstance(value, str):
                raise ValidationError("not_a_string", field=key)
            value = value.strip()
            if key == "code":
                if not CODE_RE.fullmatch(value):
                    raise ValidationError("invalid_code", field=key, value=value)
            elif key == "name_zh" and not value:
                raise ValidationError("missing", field=key)
            elif len(value) > MAX_NAME:
                raise ValidationError("too_long", field=key, max=MAX_NAME)
        elif key == "category":
            try:
                value = ProductCategory(value)
            except ValueError:
                raise ValidationError("invalid_category", field=key, value=str(value)) from None
        elif key == "risk_level":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
                raise ValidationError("out_of_range", field=key, min=1, max=5)
        elif key in ("dual_recording", "active") and not isinstance(value, bool):
            raise ValidationError("not_a_boolean", field=key)
        out[key] = value
    if not partial:
        out.setdefault("name_en", "")
        out.setdefault("dual_recording", False)
        out.setdefault("active", True)
    return out


def load_catalogue(path: Path | None = None) -> list[ProductSpec]:
    """Every product in the file, validated, in file order."""
    path = Path(path) if path is not None else catalogue_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(path, None, None, None, f"unreadable:{type(exc).__name__}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        raise _bad(path, int(found.group(1)) if found else None, None, None, "syntax") from None
    unknown = sorted(set(data) - {"product"})
    if unknown:
        raise _bad(path, None, None, unknown[0], "unknown_key")
    entries = data.get("product", [])
    if not isinstance(entries, list) or not entries:
        raise _bad(path, None, None, "product", "empty")
    starts, lines = _table_lines(text)
    specs: list[ProductSpec] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        start = starts[i] if i < len(starts) else 0
        end = starts[i + 1] if i + 1 < len(starts) else len(lines) + 1
        if not isinstance(entry, dict):
            raise _bad(path, start or None, None, "product", "not_a_table")
        code = entry.get("code")
        code = code.strip() if isinstance(code, str) else None
        try:
            clean = validate_fields(entry)
        except ValidationError as exc:
            field = exc.details.get("field")
            line = _key_line(lines, start, end, field) if field and start else start or None
            raise _bad(path, line, code, field, exc.code) from None
        if clean["code"] in seen:
            raise _bad(path, _key_line(lines, start, end, "code") if start else None, clean["code"], "code",
                       "duplicate")
        seen[clean["code"]] = start
        specs.append(ProductSpec(line=start, **clean))
    return specs


# --- the database ------------------------------------------------------------------------------------

def require_admin(actor: StaffUser | None) -> StaffUser:
    if actor is None or actor.role != StaffRole.ADMIN or not actor.active:
        raise PermissionDenied("role_required", role=StaffRole.ADMIN)
    return actor


def sync_catalogue(actor: StaffUser | None = None, path: Path | None = None) -> int:
    """Make the products named in the file match it: new codes inserted, changed ones updated (version bumped,
    audited); products not in the file are left alone. Returns how many rows were inserted or changed, so a
    second run returns 0. ``actor`` None is the system (first start); a person must be an administrator."""
    if actor is not None:
        require_admin(actor)
    specs = load_catalogue(path)
    return _apply(actor, specs, update_existing=True)


def ensure_catalogue(path: Path | None = None) -> int:
    """Insert the file's products that the database lacks (never touching existing rows, so edits made in the
    application survive upgrades). Returns how many were added. Meant for start-up."""
    return _apply(None, load_catalogue(path), update_existing=False)


def _apply(actor: StaffUser | None, specs: list[ProductSpec], *, update_existing: bool) -> int:
    changed = 0
    with Product._meta.database.atomic():
        existing = {p.code: p for p in Product.select()}
        for spec in specs:
            cols = spec.columns()
            row = existing.get(spec.code)
            if row is None:
                created = Product.create(**cols)
                audit.record(actor, AuditAction.CREATE, ENTITY, created.id, source="catalogue", **cols)
                changed += 1
                continue
            if not update_existing:
                continue
            diff = {k: v for k, v in cols.items() if k != "code" and getattr(row, k) != v}
            if diff:
                versioned_update(Product, row.id, row.version, diff)
                audit.record(actor, AuditAction.UPDATE, ENTITY, row.id, source="catalogue", code=row.code,
                             before={k: getattr(row, k) for k in diff}, after=diff)
                changed += 1
    return changed


def _row(p: Product) -> ProductRow:
    return ProductRow(p.id, p.code, p.name_zh, p.name_en, str(p.category), p.risk_level, p.dual_recording,
                      p.active, p.version)


def list_products(active_only: bool = True) -> list[ProductRow]:
    """Products ordered by category then code (the catalogue's natural grouping)."""
    query = Product.select()
    if active_only:
        query = query.where(Product.active)
    return [_row(p) for p in query.order_by(Product.category, Product.code)]


def get_product(product_id: int) -> ProductRow:
    p = Product.get_or_none(Product.id == product_id)
    if p is None:
        raise NotFound("not_found", entity=ENTITY, id=product_id)
    return _row(p)


def product_by_code(code: str) -> ProductRow | None:
    p = Product.get_or_none(Product.code == code)
    return _row(p) if p is not None else None


def update_product(actor: StaffUser, product_id: int, expected_version: int, **changes: Any) -> int:
    """Administrators edit names, category, risk level, 双录 and the active flag (never the code). Returns the
    new version; ConflictError when someone saved first."""
    require_admin(actor)
    if "code" in changes:
        raise ValidationError("not_editable", field="code")
    if not changes:
        raise ValidationError("no_changes")
    clean = validate_fields(changes, partial=True)
    row = Product.get_or_none(Product.id == product_id)
    if row is None:
        raise NotFound("not_found", entity=ENTITY, id=product_id)
    with Product._meta.database.atomic():
        version = versioned_update(Product, product_id, expected_version, clean)
        audit.record(actor, AuditAction.UPDATE, ENTITY, product_id, code=row.code,
                     before={k: getattr(row, k) for k in clean}, after=clean)
    return version
