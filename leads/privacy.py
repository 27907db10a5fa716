"""What `leads` holds about a person, for the GDPR export and erasure registry: the
introductions they asked for (with their messages), the ones they answered (with their
reasons) and the outcomes they reported."""

from typing import Any

from django.db import transaction

from accounts.privacy import PersonalDataSection, register
from leads.models import Introduction, LeadOutcome


def _stamp(value) -> str | None:
    return value.isoformat() if value else None


def _export(user) -> dict[str, list[dict[str, Any]]]:
    introductions = Introduction.objects.select_related(
        "bridge", "requester", "recipient", "recipient_municipality"
    )
    return {
        "introductions_requested": [
            {
                "bridge": introduction.bridge.slug,
                "from": introduction.requester.name,
                "to": introduction.asked.name,
                "message": introduction.message,
                "status": introduction.status,
                "requested_at": _stamp(introduction.created_at),
                "closed_at": _stamp(introduction.closed_at),
            }
            for introduction in introductions.filter(requested_by=user).order_by("created_at")
        ],
        "introductions_answered": [
            {
                "bridge": introduction.bridge.slug,
                "from": introduction.requester.name,
                "to": introduction.asked.name,
                "status": introduction.status,
                "reason": introduction.decline_reason,
                "answered_at": _stamp(introduction.closed_at),
            }
            for introduction in introductions.filter(closed_by=user).order_by("closed_at")
        ],
        "outcomes_reported": [
            {
                "company": outcome.company.name,
                "outcome": outcome.outcome,
                "reason": outcome.reason,
                "reported_at": _stamp(outcome.reported_at),
            }
            for outcome in LeadOutcome.objects.filter(reported_by=user)
            .select_related("company")
            .order_by("reported_at")
        ],
    }


@transaction.atomic
def _erase(user) -> None:
    """The companies keep what happened between them; the person's own words go."""
    Introduction.objects.filter(requested_by=user, brokered_by__isnull=True).update(
        message="", requested_by=None
    )
    Introduction.objects.filter(closed_by=user).update(decline_reason="", closed_by=None)
    LeadOutcome.objects.filter(reported_by=user).update(reported_by=None)


def register_leads_section() -> None:
    register(
        PersonalDataSection(
            name="introductions",
            export=_export,
            erase=_erase,
            models=("leads.Introduction", "leads.LeadOutcome"),
        )
    )
