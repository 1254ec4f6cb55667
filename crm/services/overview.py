"""Counts for the home panel: what is in the database and what is waiting."""

from __future__ import annotations

from dataclasses import dataclass

from crm.codes import CaseStatus, FollowUpStatus
from crm.models import ComplaintCase, Customer, FollowUp, Interaction
from crm.services.base import now_utc


@dataclass(frozen=True)
class OverviewSummary:
    customers: int
    interactions: int
    open_cases: int
    due_followups: int


def overview() -> OverviewSummary:
    """Four indexed counts; the interaction count is the table's row count, not a filtered scan."""
    return OverviewSummary(
        customers=Customer.select().count(),
        interactions=Interaction.select().count(),
        open_cases=ComplaintCase.select().where(ComplaintCase.status != CaseStatus.CLOSED).count(),
        due_followups=FollowUp.select()
        .where((FollowUp.status == FollowUpStatus.OPEN) & (FollowUp.due_at <= now_utc()))
        .count(),
    )
