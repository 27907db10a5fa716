"""Reads of 1:1 meetings: who the viewer may meet (their matches first), their requests and
agenda, and the staff's grid of slots and tables."""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from events.enums import MeetingStatus, RegistrationStatus
from events.meetings.slots import Slot, meeting_slots
from events.models import Event, Meeting, MeetingTable, Registration
from events.selectors import events_visible_to
from matchmaking.engine.render import render_reason
from matchmaking.enums import MatchKind
from matchmaking.models import Match
from matchmaking.profiles import vocabulary_cached


def event_for_meetings(*, user, slug: str) -> tuple[Event, Registration | None] | None:
    """The event and the viewer's registration, if the viewer may use its meetings pages:
    registered participants, and staff. For anyone else it does not exist."""
    if not user.is_authenticated:
        return None
    event = events_visible_to(user=user).filter(slug=slug, meetings_enabled=True).first()
    if event is None:
        return None
    registration = (
        Registration.objects.select_related("company", "user")
        .filter(event=event, user=user, status=RegistrationStatus.REGISTERED)
        .first()
    )
    if registration is None and not user.is_staff:
        return None
    return event, registration


def person_label(registration: Registration) -> str:
    """How participants see each other: the name, and the company they attend for."""
    name = registration.user.full_name
    company = registration.company.name if registration.company else ""
    return " · ".join(part for part in (name, company) if part) or _("A participant")


def short_name(registration: Registration) -> str:
    """The name alone where the company is shown beside it (or nothing else is known)."""
    if registration.user.full_name:
        return registration.user.full_name
    return registration.company.name if registration.company else _("A participant")


@dataclass(frozen=True)
class OwnMeeting:
    """One of the viewer's meetings, with the other person."""

    meeting: Meeting
    partner: Registration

    @property
    def partner_name(self) -> str:
        return short_name(self.partner)

    @property
    def partner_company(self) -> str:
        company = self.partner.company
        if company is None or not self.partner.user.full_name:
            return ""
        return company.name


def _own(meetings, registration: Registration) -> list[OwnMeeting]:
    return [
        OwnMeeting(
            meeting,
            meeting.invitee if meeting.requester_id == registration.pk else meeting.requester,
        )
        for meeting in meetings
    ]


def pair_label(meeting: Meeting) -> str:
    return f"{short_name(meeting.requester)} · {short_name(meeting.invitee)}"


@dataclass
class Person:
    registration: Registration
    reasons: list[str] = field(default_factory=list)
    score: float | None = None
    meeting: Meeting | None = None

    @property
    def label(self) -> str:
        return person_label(self.registration)


def _meetings(event: Event | int) -> QuerySet[Meeting]:
    """The event's meetings between people who both still come."""
    both_come = Q(
        requester__status=RegistrationStatus.REGISTERED,
        invitee__status=RegistrationStatus.REGISTERED,
    )
    return Meeting.objects.filter(both_come, event=event).select_related(
        "requester__user", "requester__company", "invitee__user", "invitee__company", "table"
    )


def people_for(*, event: Event, registration: Registration | None, language: str):
    """The other registered participants: those whose company is among the viewer's
    company's partnership matches first (best score first, with the reasons), then the rest
    by company."""
    others = (
        Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
        .select_related("user", "company")
        .order_by("company__name", "user__full_name", "pk")
    )
    if registration is not None:
        others = others.exclude(pk=registration.pk)
    people = [Person(other) for other in others]
    if registration is None:
        return [], people
    open_meetings = {}
    for meeting in Meeting.objects.filter(
        Q(requester=registration) | Q(invitee=registration),
        status__in=(MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED),
    ):
        partner = (
            meeting.invitee_id if meeting.requester_id == registration.pk else meeting.requester_id
        )
        open_meetings[partner] = meeting
    for person in people:
        person.meeting = open_meetings.get(person.registration.pk)
    company = registration.company
    if company is None:
        return [], people
    partner_ids = {p.registration.company_id for p in people if p.registration.company_id}
    best: dict[int, Match] = {}
    for match in Match.objects.filter(
        kind=MatchKind.PARTNERSHIP,
        company=company,
        partner_company_id__in=partner_ids,
        bridge__in=event.bridges.all(),
    ).order_by("-score", "pk"):
        best.setdefault(match.partner_company_id or 0, match)
    if not best:
        return [], people
    vocabulary = vocabulary_cached()
    reader: Literal["de", "en"] = "de" if language == "de" else "en"
    suggested: list[Person] = []
    rest: list[Person] = []
    for person in people:
        found = best.get(person.registration.company_id or 0)
        if found is None:
            rest.append(person)
            continue
        match = found
        person.score = match.score
        person.reasons = [
            render_reason(
                reason,
                viewer="owner",
                language=reader,
                vocabulary=vocabulary,
                owner=company.name,
                partner=str(person.registration.company),
            )
            for reason in match.reasons
        ]
        suggested.append(person)
    suggested.sort(key=lambda person: -(person.score or 0))
    return suggested, rest


def requests_for(*, registration: Registration) -> tuple[list[OwnMeeting], list[OwnMeeting]]:
    """Requests waiting for the person's answer, and their own waiting for the other's."""
    waiting = _own(
        _meetings(registration.event_id)
        .filter(status=MeetingStatus.REQUESTED)
        .filter(Q(requester=registration) | Q(invitee=registration))
        .order_by("created_at", "pk"),
        registration,
    )
    incoming = [own for own in waiting if own.meeting.invitee_id == registration.pk]
    outgoing = [own for own in waiting if own.meeting.requester_id == registration.pk]
    return incoming, outgoing


def agenda_for(*, registration: Registration) -> list[OwnMeeting]:
    """The person's booked meetings, in time order."""
    return _own(
        _meetings(registration.event_id)
        .filter(status=MeetingStatus.ACCEPTED)
        .filter(Q(requester=registration) | Q(invitee=registration))
        .order_by("starts_at", "pk"),
        registration,
    )


@dataclass
class GridRow:
    slot: Slot
    cells: list[Meeting | None]


def meeting_grid(*, event: Event, day: date) -> tuple[list[MeetingTable], list[GridRow]]:
    """One day of the event: a row per slot, a cell per table with its booked meeting."""
    tables = list(MeetingTable.objects.filter(event=event))
    slots = meeting_slots(event, day=day)
    if not slots:
        return tables, []
    booked = {
        (meeting.starts_at, meeting.table_id): meeting
        for meeting in _meetings(event).filter(
            status=MeetingStatus.ACCEPTED,
            starts_at__gte=slots[0].starts_at,
            starts_at__lt=slots[-1].ends_at,
        )
    }
    rows = [
        GridRow(slot, [booked.get((slot.starts_at, table.pk)) for table in tables])
        for slot in slots
    ]
    return tables, rows


def meeting_of(*, registration: Registration, meeting_id: int) -> Meeting | None:
    """One of the person's own meetings; anyone else's does not exist for them."""
    return (
        Meeting.objects.filter(pk=meeting_id, event_id=registration.event_id)
        .filter(Q(requester=registration) | Q(invitee=registration))
        .first()
    )
