"""The event page's delegations and stands, without the event view knowing of them."""

from django import template

from events.delegations.selectors import delegations_of_event, stands_of_event

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
