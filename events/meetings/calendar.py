"""A meeting's calendar entry: one UID for its whole life, SEQUENCE grows with each move,
METHOD:CANCEL once it is off."""

from datetime import timedelta

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from events.calendar import PRODID
from events.enums import MeetingStatus
from events.models import Meeting

YEAR = timedelta(days=366)


def meeting_ics(meeting: Meeting, *, partner: str, url: str) -> bytes:
    """The entry as one participant sees it; `partner` names the other one."""
    # People type names; a line break in one would break the calendar's content lines.
    partner = " ".join(partner.split())
    event = meeting.event
    assert meeting.starts_at is not None and meeting.ends_at is not None
    cancelled = meeting.status != MeetingStatus.ACCEPTED
    summary = _("Meeting with %(partner)s") % {"partner": partner}
    calendar = icalendar.Calendar.new(
        prodid=PRODID, method="CANCEL" if cancelled else "PUBLISH", name=summary
    )
    entry = icalendar.Event.new(
        uid=meeting.ics_uid,
        sequence=meeting.ics_sequence,
        stamp=timezone.now(),
        start=timezone.localtime(meeting.starts_at, event.tzinfo),
        end=timezone.localtime(meeting.ends_at, event.tzinfo),
        summary=summary,
        description=f"{event.title}\n\n{url}",
        url=url,
    )
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    place = ", ".join(part for part in (str(meeting.table or ""), event.venue) if part)
    if place:
        entry.add("location", place)
    calendar.add_component(entry)
    calendar.add_missing_timezones(
        first_date=meeting.starts_at.date() - YEAR, last_date=meeting.ends_at.date() + YEAR
    )
    return calendar.to_ical()
