"""Changing a new lead's contact channel (leads.change_channel) on both backends: a lead blocked by the
customer's consent on its channel is put right by choosing a channel they agreed to, and is re-checked at once
as recheck_leads does (block, flags, a supervisor's override kept only while it covers every block)."""

from __future__ import annotations

import pytest
from sales_world import (
    audits,
    dnd,
    expired,
    lead_row,
    make_lead,
    make_sales_world,
    refused,
)

from crm.codes import AuditAction, LeadState
from crm.errors import ConflictError, NotFound, ValidationError
from crm.models import Customer
from crm.services import customer_detail, leads, suitability
from crm.services.leads import LeadFilter


@pytest.fixture
def w(storage):
    return make_sales_world()  # marketing by phone agreed, C3, assessment valid


def agree(w, channel: str) -> None:
    customer_detail.record_consent(w.agent, w.customer_id, "marketing", channel, True, "call")


def exportable(lead_id: int) -> bool:
    lead = lead_row(lead_id)
    return suitability.is_exportable(lead, suitability.lead_checks(lead))


def test_a_lead_on_a_refused_channel_moves_to_an_agreed_one_and_may_go_to_sales(w):
    refused(w, "phone")
    agree(w, "email")
    lead_id = make_lead(w, "DEP-1Y", channel="phone").lead_id
    assert lead_row(lead_id).block_reason == "channel_refused" and not exportable(lead_id)
    assert leads.lead_ids(LeadFilter(blocked=True)) == [lead_id]

    result = leads.change_channel(w.agent, lead_id, 1, "email")

    assert (result.lead_id, result.blocks, result.blocked) == (lead_id, [], False)
    lead = lead_row(lead_id)
    assert (lead.contact_channel, lead.block_reason, lead.version, lead.state) == ("email", None, 2, LeadState.NEW)
    assert exportable(lead_id) and leads.lead_ids(LeadFilter(blocked=True)) == []
    assert leads.get_lead(lead_id).contact_channel == "email"
    leads.set_state(w.agent, lead_id, 2, "handed_over")  # the core's own hand-over check agrees
    assert lead_row(lead_id).state == LeadState.HANDED_OVER


# (what makes the first channel unusable, the first channel, its block)
CHANNEL_BLOCKS = [
    (lambda w: refused(w, "sms"), "sms", "channel_refused"),
    (lambda w: None, "sms", "no_marketing_consent"),  # never asked about SMS
    (dnd, "phone", "do_not_disturb"),  # phone agreed, but the customer is on the do-not-disturb list
]


@pytest.mark.parametrize(("setup", "first", "code"), CHANNEL_BLOCKS, ids=[b[2] for b in CHANNEL_BLOCKS])
def test_each_consent_block_is_fixed_by_a_channel_the_customer_agreed_to(w, setup, first, code):
    setup(w)
    agree(w, "app")
    lead_id = make_lead(w, channel=first).lead_id
    assert lead_row(lead_id).block_reason == code
    assert leads.change_channel(w.agent, lead_id, 1, "app").blocks == []
    assert lead_row(lead_id).block_reason is None and exportable(lead_id)


def test_moving_to_a_channel_without_consent_stores_that_block(w):
    lead_id = make_lead(w, channel="phone").lead_id
    result = leads.change_channel(w.agent, lead_id, 1, "mail")
    assert [str(c.code) for c in result.blocks] == ["no_marketing_consent"]
    assert result.blocks[0].details == {"channel": "mail"}
    assert lead_row(lead_id).block_reason == "no_marketing_consent" and not exportable(lead_id)


def test_the_flags_are_checked_again_too(w):
    lead_id = make_lead(w, "WM-BAL").lead_id  # R3, 双录
    assert lead_row(lead_id).flags == "dual_recording_required"
    Customer.update(elderly_override=True).where(Customer.id == w.customer_id).execute()
    agree(w, "email")
    result = leads.change_channel(w.agent, lead_id, 1, "email")
    assert [str(c.code) for c in result.flags] == ["elderly_customer", "elderly_high_risk", "dual_recording_required"]
    assert lead_row(lead_id).flags == "elderly_customer,elderly_high_risk,dual_recording_required"


def test_the_change_is_audited_with_both_channels(w):
    refused(w, "phone")
    agree(w, "email")
    lead_id = make_lead(w, channel="phone").lead_id
    leads.change_channel(w.agent2, lead_id, 1, "email")
    (entry,) = audits("lead", lead_id, AuditAction.UPDATE)
    assert entry.actor_id == w.agent2.id
    assert (entry.detail["channel_from"], entry.detail["channel_to"]) == ("phone", "email")
    assert (entry.detail["blocks"], entry.detail["override_lapsed"]) == ([], False)


@pytest.mark.parametrize("path", [("handed_over",), ("invalid",), ("handed_over", "accepted", "won")])
def test_only_a_new_lead_may_change_channel(w, path):
    agree(w, "email")
    lead_id = make_lead(w).lead_id
    version = 1
    for state in path:
        version = leads.set_state(w.supervisor, lead_id, version, state)
    with pytest.raises(ValidationError) as info:
        leads.change_channel(w.agent, lead_id, version, "email")
    assert (info.value.code, info.value.details["field"], info.value.details["state"]) == \
        ("invalid_state", "state", path[-1])
    assert (lead_row(lead_id).contact_channel, lead_row(lead_id).version) == ("phone", version)
    assert [e.detail.get("channel_to") for e in audits("lead", lead_id, AuditAction.UPDATE)] == [None] * len(path)


def test_an_unknown_or_the_same_channel_is_refused(w):
    lead_id = make_lead(w, channel="phone").lead_id
    for junk in ("pigeon", "", "PHONE"):
        with pytest.raises(ValidationError) as info:
            leads.change_channel(w.agent, lead_id, 1, junk)
        assert (info.value.code, info.value.details["field"]) == ("invalid_choice", "channel")
    with pytest.raises(ValidationError) as info:
        leads.change_channel(w.agent, lead_id, 1, "phone")
    assert (info.value.code, info.value.details) == ("same_channel", {"field": "channel", "channel": "phone"})
    assert lead_row(lead_id).version == 1 and audits("lead", lead_id, AuditAction.UPDATE) == []


def test_a_stale_version_or_a_missing_lead_is_refused(w):
    agree(w, "email")
    lead_id = make_lead(w, channel="phone").lead_id
    leads.change_channel(w.agent, lead_id, 1, "email")  # a colleague, first
    with pytest.raises(ConflictError) as info:
        leads.change_channel(w.agent2, lead_id, 1, "sms")
    assert (info.value.code, info.value.details["current"]) == ("stale_version", 2)
    assert lead_row(lead_id).contact_channel == "email"
    with pytest.raises(NotFound):
        leads.change_channel(w.agent, 999, 1, "email")


@pytest.fixture
def overridden(w):
    """WM-STEADY on the phone, the assessment expired, let through by a supervisor; email agreed too."""
    expired(w)
    agree(w, "email")
    lead_id = make_lead(w, "WM-STEADY", channel="phone").lead_id
    version = leads.override_block(w.supervisor, lead_id, 1, "客户本周到网点重做风险测评")
    assert exportable(lead_id)
    return lead_id, version


def test_an_override_that_still_covers_every_block_is_kept(w, overridden):
    lead_id, version = overridden
    result = leads.change_channel(w.agent, lead_id, version, "email")
    assert [str(c.code) for c in result.blocks] == ["risk_assessment_expired"]  # covered by the override
    lead = lead_row(lead_id)
    assert (lead.override_by_id, lead.override_codes, lead.block_reason) == \
        (w.supervisor.id, "risk_assessment_expired", "risk_assessment_expired")
    assert exportable(lead_id) and leads.get_lead(lead_id).overridden
    assert audits("lead", lead_id, AuditAction.UPDATE)[-1].detail["override_lapsed"] is False


def test_an_override_lapses_when_the_new_channel_brings_a_block_it_did_not_cover(w, overridden):
    lead_id, version = overridden
    result = leads.change_channel(w.agent, lead_id, version, "sms")  # never asked about SMS
    assert [str(c.code) for c in result.blocks] == ["no_marketing_consent", "risk_assessment_expired"]
    lead = lead_row(lead_id)
    assert (lead.override_by_id, lead.override_reason, lead.override_codes, lead.block_reason) == \
        (None, None, "", "no_marketing_consent")
    assert not leads.get_lead(lead_id).overridden
    assert audits("lead", lead_id, AuditAction.UPDATE)[-1].detail["override_lapsed"] is True
    # as after recheck_leads: going back does not bring the override back, a supervisor looks again
    leads.change_channel(w.agent, lead_id, lead.version, "phone")
    lead = lead_row(lead_id)
    assert (lead.block_reason, lead.override_by_id) == ("risk_assessment_expired", None)
    assert not exportable(lead_id)
