"""The event page's delegations and stands, and a company's delegation applications on its
dashboard, without those views knowing of delegations."""

from django import template

from events.delegations.selectors import (
    applications_of_company,
    delegations_of_event,
    stands_of_event,
)

register = template.Library()


@register.inclusion_tag("events/delegations/_event_box.html", takes_context=True)
def event_delegations(context, event) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return {"delegations": [], "stands": []}
    return {
        "delegations": delegations_of_event(event=event),
        "stands": stands_of_event(user=user, event=event),
    }


@register.inclusion_tag("events/delegations/_company_applications.html", takes_context=True)
def company_delegations(context, company) -> dict:
    """The company's applications with their status; the page already checked that the viewer
    is one of the company's people."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return {"applications": []}
    return {"applications": applications_of_company(user=user, company=company)}
