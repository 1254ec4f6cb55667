"""Putting the call form into the customer panel: what it reads from the panel and what it tells it.

For the composition root (``ui/app.py``)::

    from ui.views.interaction.panel_wiring import with_call_form
    factory = with_call_form(CustomerPanel)        # a CustomerPanelFactory: (actor, parent) -> panel
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from crm.models import StaffUser
from ui.views.interaction.interaction_form import InteractionForm


def attach_call_form(panel: Any, actor: StaffUser) -> InteractionForm:
    """Build the form for ``panel`` (a CustomerPanel) and connect the two.

    The form asks the panel for the open customer and the call's verification attempts when it saves;
    after a save the panel forgets the call's verification and shows the new history, and after a case,
    a follow-up, a decision on an opportunity or a lead it shows them in the timeline.
    """
    form = InteractionForm(actor, panel.current_customer_id, panel.verification_attempt_ids, panel)
    panel.set_interaction_widget(form)
    form.sig_saved.connect(lambda _saved: panel.clear_call_state())
    form.sig_case_opened.connect(lambda _case_id: panel.reload())
    form.sig_followup_scheduled.connect(lambda _followup_id: panel.reload())
    # the timeline shows each opportunity's status and the leads made from them
    form.detection.review.sig_decided.connect(lambda _opportunity_id: panel.reload())
    form.detection.review.sig_lead_created.connect(lambda _lead_id: panel.reload())
    # The timeline is reset whenever another customer is shown: the saved call's opportunities and fraud
    # banner belong to the previous one.
    timeline = getattr(panel, "timeline_model", None)
    if timeline is not None:
        timeline.modelReset.connect(lambda: _customer_shown(form, panel.current_customer_id()))
    panel.call_form = form  # for the main window's shortcuts and the end-to-end tests
    return form


def _customer_shown(form: InteractionForm, customer_id: int | None) -> None:
    form.detection.forget_customer(customer_id)
    form.fraud_alert.forget_customer(customer_id)


def with_call_form(panel_class: Callable[[StaffUser, QWidget], Any]) -> Callable[[StaffUser | None, QWidget], Any]:
    """A customer-panel factory whose panels carry the call form (none when nobody is signed in)."""
    def factory(actor: StaffUser | None, parent: QWidget) -> Any:
        panel = panel_class(actor, parent)
        if actor is not None:  # the self-test's window signs nobody in: there is no one to log calls as
            attach_call_form(panel, actor)
        return panel
    return factory
