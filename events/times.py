"""An event's times as people read them: in the event's zone, and in the viewer's own."""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import formats, timezone


@dataclass(frozen=True)
class ZonedRange:
    text: str
    zone: str


def time_range(start: datetime, end: datetime, zone: str) -> ZonedRange:
    """One day: "24 September 2027, 09:00-17:00"; several: both dates with their times."""
    tz = zoneinfo.ZoneInfo(zone)
    start, end = timezone.localtime(start, tz), timezone.localtime(end, tz)
    day = formats.date_format(start, "DATE_FORMAT")
    if start.date() == end.date():
        return ZonedRange(f"{day}, {start:%H:%M}–{end:%H:%M}", zone)
    last_day = formats.date_format(end, "DATE_FORMAT")
    return ZonedRange(f"{day}, {start:%H:%M} – {last_day}, {end:%H:%M}", zone)


def viewer_zone(user) -> str:
    """The signed-in person's zone; visitors see the time in Germany beside the event's."""
    if user.is_authenticated and user.time_zone:
        return user.time_zone
    return settings.TIME_ZONE


def event_times(event, user) -> tuple[ZonedRange, ZonedRange | None]:
    """The event's own times, and the viewer's when their clock shows something else."""
    own = time_range(event.starts_at, event.ends_at, event.time_zone)
    zone = viewer_zone(user)
    offsets = {
        timezone.localtime(event.starts_at, zoneinfo.ZoneInfo(name)).utcoffset()
        for name in (zone, event.time_zone)
    }
    if len(offsets) == 1:
        return own, None
    return own, time_range(event.starts_at, event.ends_at, zone)


def with_times(events: list) -> list:
    """Give each event its `times` in its own zone, for cards and lists."""
    for event in events:
        event.times = time_range(event.starts_at, event.ends_at, event.time_zone)
    return events
