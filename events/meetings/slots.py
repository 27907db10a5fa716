"""The meeting slots of an event: each day's window in the event's zone, minus the breaks."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from events.models import Event, parse_breaks


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime

    def overlaps(self, starts_at: datetime, ends_at: datetime) -> bool:
        return starts_at < self.ends_at and ends_at > self.starts_at


def meeting_days(event: Event) -> list[date]:
    first = timezone.localtime(event.starts_at, event.tzinfo).date()
    last = timezone.localtime(event.ends_at, event.tzinfo).date()
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def meeting_slots(event: Event, *, day: date | None = None) -> list[Slot]:
    """Every slot of the event (or of one day) inside the event's own times, earliest first."""
    zone = event.tzinfo
    length = timedelta(minutes=event.meeting_minutes)
    breaks = parse_breaks(event.meeting_breaks)
    slots: list[Slot] = []
    for each_day in [day] if day else meeting_days(event):
        cursor = datetime.combine(each_day, event.meetings_start, tzinfo=zone)
        day_end = datetime.combine(each_day, event.meetings_end, tzinfo=zone)
        pauses = [
            (
                datetime.combine(each_day, start, tzinfo=zone),
                datetime.combine(each_day, end, tzinfo=zone),
            )
            for start, end in breaks
        ]
        while cursor + length <= day_end:
            slot = Slot(cursor, cursor + length)
            pause = next((p for p in pauses if slot.overlaps(*p)), None)
            if pause is not None:
                cursor = pause[1]
                continue
            if slot.starts_at >= event.starts_at and slot.ends_at <= event.ends_at:
                slots.append(slot)
            cursor = slot.ends_at
    return slots


def slot_at(event: Event, starts_at: datetime) -> Slot | None:
    return next((slot for slot in meeting_slots(event) if slot.starts_at == starts_at), None)
