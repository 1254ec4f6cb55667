"""Who is acting: the signed-in OS user as a StaffUser, and role checks."""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from dataclasses import dataclass

from crm.codes import StaffRole
from crm.errors import PermissionDenied
from crm.models import StaffUser

SUPERVISOR_ROLES = frozenset({StaffRole.SUPERVISOR, StaffRole.ADMIN})


@dataclass(frozen=True)
class StaffRow:
    id: int
    username: str
    display_name: str
    role: str
    active: bool


def list_staff(*, include: Iterable[int] = ()) -> list[StaffRow]:
    """Active staff by name, plus the inactive ones in ``include`` (a former owner still has to be named)."""
    keep = [int(i) for i in include if i is not None]
    where = StaffUser.active
    if keep:
        where |= StaffUser.id.in_(keep)
    rows = StaffUser.select().where(where).order_by(StaffUser.display_name, StaffUser.id)
    return [StaffRow(r.id, r.username, r.display_name or r.username, str(r.role), bool(r.active)) for r in rows]


def current_staff(username: str | None = None, display_name: str | None = None) -> StaffUser:
    """The StaffUser for this OS account, created on first use; the very first user becomes admin."""
    username = (username or getpass.getuser() or "agent").strip().lower()
    user = StaffUser.get_or_none(StaffUser.username == username)
    if user is None:
        first = not StaffUser.select().exists()
        user = StaffUser.create(username=username, display_name=display_name or username,
                                role=StaffRole.ADMIN if first else StaffRole.AGENT)
    return user


def require_supervisor(actor: StaffUser | None) -> StaffUser:
    if actor is None or actor.role not in SUPERVISOR_ROLES or not actor.active:
        raise PermissionDenied("role_required", role=StaffRole.SUPERVISOR)
    return actor


def supervisor_for(agent: StaffUser | None) -> StaffUser | None:
    """Whom a low score or an escalation goes to: an active supervisor (admins stand in)."""
    for role in (StaffRole.SUPERVISOR, StaffRole.ADMIN):
        found = (StaffUser.select().where((StaffUser.role == role) & StaffUser.active)
                 .order_by(StaffUser.id).first())
        if found is not None:
            return found
    return agent
