"""Reads of events: above all, which events a viewer may see.

Public events are for everyone; members-only ones for signed-in people of a company that is
an approved member of one of the event's bridges; staff see all. An event the viewer may not
see does not exist for them (a 404).
"""

from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from companies.selectors import bridges_of_user
from events.enums import EventVisibility, RegistrationStatus
from events.models import Event, ProgrammeDay, Registration


def events_visible_to(*, user) -> QuerySet[Event]:
    events = Event.objects.all()
    if user.is_authenticated and user.is_staff:
        return events
    public = Q(visibility=EventVisibility.PUBLIC)
    if not user.is_authenticated:
        return events.filter(public)
    bridge_ids = list(bridges_of_user(user=user).values_list("pk", flat=True))
    if not bridge_ids:
        return events.filter(public)
    on_their_bridge = Exists(
        Event.bridges.through.objects.filter(event=OuterRef("pk"), bridge_id__in=bridge_ids)
    )
    return events.filter(public | on_their_bridge)


def _with_card_data(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        registered_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
        )
    ).prefetch_related("bridges", "sectors")


def event_calendar(*, user, now: datetime) -> QuerySet[Event]:
    """The calendar's list: visible events that have not ended, soonest first."""
    return _with_card_data(events_visible_to(user=user).filter(ends_at__gte=now)).order_by(
        "starts_at", "pk"
    )


def events_upcoming(*, user, now: datetime, limit: int = 3, bridge=None) -> list[Event]:
    events = event_calendar(user=user, now=now)
    if bridge is not None:
        events = events.filter(bridges=bridge)
    return list(events[:limit])


def event_for_page(*, user, slug: str) -> Event | None:
    return (
        _with_card_data(events_visible_to(user=user))
        .prefetch_related(
            "organisers",
            Prefetch("days", queryset=ProgrammeDay.objects.prefetch_related("sessions")),
        )
        .filter(slug=slug)
        .first()
    )


def registration_of(*, user, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.select_related("company").filter(event=event, user=user).first()


def registrations_upcoming(*, user, now: datetime, limit: int = 5) -> list[Registration]:
    """The person's places (and waiting places) at events that have not ended."""
    return list(
        registrations_of(user=user)
        .filter(event__ends_at__gte=now)
        .exclude(status=RegistrationStatus.CANCELLED)[:limit]
    )


def registrations_of(*, user) -> QuerySet[Registration]:
    """A person's registrations, the next event first; cancelled ones last."""
    return (
        Registration.objects.filter(user=user)
        .select_related("event", "company")
        .order_by("event__starts_at", "pk")
    )
