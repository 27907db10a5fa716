"""iCalendar files: one registration's entry, and a person's private feed.

The UID of an entry is the registration's, so a calendar replaces the entry it already
has when SEQUENCE grows; a cancelled registration is sent with METHOD:CANCEL. Times are
written in the event's own time zone, with its VTIMEZONE.
"""

from collections.abc import Iterable
from datetime import timedelta

import icalendar
from django.utils import timezone

from events.enums import RegistrationStatus
from events.models import Registration

YEAR = timedelta(days=366)
PRODID = "-//Business Metropole Ruhr//RuhrBridge events//EN"
STATUS: dict[str, str] = {
    RegistrationStatus.REGISTERED: "CONFIRMED",
    RegistrationStatus.WAITLISTED: "TENTATIVE",
    RegistrationStatus.CANCELLED: "CANCELLED",
}


def _vevent(registration: Registration, base_url: str) -> icalendar.Event:
    event = registration.event
    url = base_url.rstrip("/") + event.get_absolute_url()
    location = event.venue
    if registration.status == RegistrationStatus.REGISTERED and event.online_url:
        location = f"{event.venue} · {event.online_url}" if event.venue else event.online_url
    entry = icalendar.Event.new(
        uid=registration.ics_uid,
        sequence=registration.ics_sequence,
        stamp=timezone.now(),
        start=timezone.localtime(event.starts_at, event.tzinfo),
        end=timezone.localtime(event.ends_at, event.tzinfo),
        summary=event.title,
        description=f"{event.description}\n\n{url}".strip(),
        url=url,
    )
    entry.add("status", STATUS[registration.status])
    if location:
        entry.add("location", location)
    return entry


def _calendar(
    registrations: Iterable[Registration], *, method: str, name: str, base_url: str
) -> bytes:
    calendar = icalendar.Calendar.new(prodid=PRODID, method=method, name=name)
    events = []
    for registration in registrations:
        calendar.add_component(_vevent(registration, base_url))
        events.append(registration.event)
    if events:
        # The time zones' rules for the years around the events, not for 1970-2038.
        calendar.add_missing_timezones(
            first_date=min(event.starts_at for event in events).date() - YEAR,
            last_date=max(event.ends_at for event in events).date() + YEAR,
        )
    return calendar.to_ical()


def registration_ics(registration: Registration, *, base_url: str) -> bytes:
    """One registration's entry; METHOD:CANCEL once it is cancelled."""
    method = "CANCEL" if registration.status == RegistrationStatus.CANCELLED else "PUBLISH"
    return _calendar(
        [registration], method=method, name=registration.event.title, base_url=base_url
    )


def feed_ics(registrations: Iterable[Registration], *, base_url: str, name: str) -> bytes:
    """A subscribed feed: every registration, cancelled ones marked STATUS:CANCELLED."""
    return _calendar(registrations, method="PUBLISH", name=name, base_url=base_url)
