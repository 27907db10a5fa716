"""What `events` holds about a person, for the GDPR export and erasure registry."""

from typing import Any

from django.db.models import Q

from accounts.privacy import PersonalDataSection, register
from events.models import CalendarFeed, Meeting, Registration
from events.services import registrations_erase


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _export_registrations(user) -> dict[str, Any]:
    return {
        "registrations": [
            {
                "event": registration.event.title_en,
                "event_starts_at": _iso(registration.event.starts_at),
                "company": registration.company.name if registration.company else None,
                "attendance": registration.attendance,
                "status": registration.status,
                "waitlist_position": registration.waitlist_position,
                "registered_at": _iso(registration.created_at),
                "cancelled_at": _iso(registration.cancelled_at),
                "checked_in_at": _iso(registration.checked_in_at),
            }
            for registration in Registration.objects.filter(user=user)
            .select_related("event", "company")
            .order_by("created_at")
        ],
        "meetings": [
            {
                "event": meeting.event.title_en,
                "with": (
                    meeting.invitee if meeting.requester.user_id == user.pk else meeting.requester
                ).user.get_full_name(),
                "asked_by_you": meeting.requester.user_id == user.pk,
                "message": meeting.message,
                "status": meeting.status,
                "starts_at": _iso(meeting.starts_at),
                "table": meeting.table.name if meeting.table else None,
                "requested_at": _iso(meeting.created_at),
            }
            for meeting in Meeting.objects.filter(Q(requester__user=user) | Q(invitee__user=user))
            .select_related("event", "table", "requester__user", "invitee__user")
            .order_by("created_at")
        ],
        "calendar_feed_created_at": _iso(
            CalendarFeed.objects.filter(user=user).values_list("created_at", flat=True).first()
        ),
    }


def register_events_section() -> None:
    register(
        PersonalDataSection(
            name="events",
            export=_export_registrations,
            erase=lambda user: registrations_erase(user=user),
            models=("events.Registration", "events.CalendarFeed"),
        )
    )
