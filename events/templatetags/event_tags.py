"""Events where other pages show them, without their views knowing of events: the home
page's upcoming events, a bridge page's events, a dashboard's registrations."""

from django import template
from django.utils import timezone

from events.selectors import events_upcoming, registrations_upcoming
from events.times import time_range, with_times

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("events/_upcoming.html", takes_context=True)
def upcoming_events(context, limit: int = 3) -> dict:
    user = _user(context)
    if user is None:
        return {"events": []}
    return {"events": with_times(events_upcoming(user=user, now=timezone.now(), limit=limit))}


@register.inclusion_tag("events/_bridge_events_list.html", takes_context=True)
def bridge_events(context, bridge, limit: int = 5) -> dict:
    user = _user(context)
    if user is None:
        return {"events": [], "bridge": bridge}
    events = events_upcoming(user=user, now=timezone.now(), limit=limit, bridge=bridge)
    return {"events": with_times(events), "bridge": bridge}


@register.inclusion_tag("events/_registrations_summary.html", takes_context=True)
def my_upcoming_registrations(context, limit: int = 5) -> dict:
    user = _user(context)
    if user is None or not user.is_authenticated:
        return {"registrations": []}
    registrations = registrations_upcoming(user=user, now=timezone.now(), limit=limit)
    for registration in registrations:
        event = registration.event
        registration.times = time_range(event.starts_at, event.ends_at, event.time_zone)
    return {"registrations": registrations}
