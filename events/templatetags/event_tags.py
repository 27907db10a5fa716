"""The upcoming events on the home page, without the home view knowing of events."""

from django import template
from django.utils import timezone

from events.selectors import events_upcoming
from events.times import with_times

register = template.Library()


@register.inclusion_tag("events/_upcoming.html", takes_context=True)
def upcoming_events(context, limit: int = 3) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return {"events": []}
    return {"events": with_times(events_upcoming(user=user, now=timezone.now(), limit=limit))}
