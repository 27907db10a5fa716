"""1:1 meetings at the Manchester innovation summit, so that the meetings
pages, the agenda and the staff grid show something.

The summit gets meeting times (20 minutes, lunch free) and six tables; a few people of demo
companies register, and meetings are asked for and accepted through the meetings services.
Pennine Electrolysis Ltd (the demo company login) has one meeting booked and one request
waiting for its answer. A pair that has a meeting already, in any state, is left alone:
running it again changes nothing, and what a person did in the demo is not undone.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from companies.enums import MemberRole
from companies.models import Company, CompanyMember
from demo.introductions import ASKS_PENNINE, DEMO_COMPANY, RUHR_PERSON_EMAIL
from events.enums import Attendance, RegistrationStatus
from events.meetings import services
from events.meetings.slots import meeting_days, meeting_slots
from events.models import Event, Meeting, MeetingTable, Registration

SUMMIT = "greater-manchester-germany-innovation-summit"
TABLES = 6

# Not logins: people of demo companies who attend the summit (no usable password).
# Katrin Vogt is the person who asked Pennine for an introduction (demo.introductions).
PEOPLE = {
    "katrin.vogt": (RUHR_PERSON_EMAIL, "Katrin Vogt", "de", ASKS_PENNINE),
    "matthias.kornfeld": (
        "matthias.kornfeld@demo.ruhrbridge.example",
        "Dr. Matthias Kornfeld",
        "de",
        "Hüttenwerk Walsum Grünstahl GmbH",
    ),
    "jens.overbeck": (
        "jens.overbeck@demo.ruhrbridge.example",
        "Jens Overbeck",
        "de",
        "Lippe Pipeline Engineering GmbH",
    ),
    "julia.brandt": (
        "julia.brandt@demo.ruhrbridge.example",
        "Julia Brandt",
        "de",
        "Ruhr OT Schutz GmbH",
    ),
    "declan.murphy": (
        "declan.murphy@demo.ruhrbridge.example",
        "Declan Murphy",
        "en",
        "Mersey Hydrogen Storage Ltd",
    ),
    "aisha.khan": (
        "aisha.khan@demo.ruhrbridge.example",
        "Aisha Khan",
        "en",
        "Salford Threat Labs Ltd",
    ),
}
OWNER = "owner"

# (who asks, whom, day of the summit (0 or 1), wished local time, accepted?, message)
MEETINGS = [
    (
        OWNER,
        "matthias.kornfeld",
        0,
        datetime.time(14, 10),
        True,
        "Could we go through the stack sizes for your direct-reduction plant?",
    ),
    (
        "declan.murphy",
        "jens.overbeck",
        0,
        datetime.time(13, 50),
        True,
        "We are looking for a partner to plan hydrogen pipelines to our salt caverns.",
    ),
    ("aisha.khan", "julia.brandt", 1, datetime.time(10, 20), True, ""),
    (
        "katrin.vogt",
        OWNER,
        1,
        datetime.time(11, 0),
        False,
        "Following up on our introduction: shall we meet at the summit? Katrin Vogt",
    ),
]


@dataclass(frozen=True)
class DemoMeetings:
    registered: int
    requested: int
    booked: int


def _summit_ensure() -> Event:
    event = Event.objects.get(slug=SUMMIT)
    event.meetings_enabled = True
    event.meeting_minutes = 20
    event.meetings_start = datetime.time(10, 0)
    event.meetings_end = datetime.time(16, 30)
    event.meeting_breaks = "12:00-13:30"
    event.save(
        update_fields=[
            "meetings_enabled",
            "meeting_minutes",
            "meetings_start",
            "meetings_end",
            "meeting_breaks",
        ]
    )
    for number in range(1, TABLES + 1):
        MeetingTable.objects.get_or_create(event=event, name=f"Table {number}")
    return event


def _person(key: str) -> tuple[User, Company]:
    email, name, language, company_name = PEOPLE[key]
    company = Company.objects.get(name=company_name)
    person, _created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": name,
            "preferred_language": language,
            "password": make_password(None),
        },
    )
    CompanyMember.objects.get_or_create(
        company=company, user=person, defaults={"role": MemberRole.OWNER}
    )
    return person, company


def _registration_ensure(event: Event, user: User, company: Company) -> tuple[Registration, bool]:
    return Registration.objects.get_or_create(
        event=event,
        user=user,
        defaults={
            "company": company,
            "attendance": Attendance.IN_PERSON,
            "status": RegistrationStatus.REGISTERED,
        },
    )


def _wished(event: Event, day: int, clock: datetime.time) -> datetime.datetime | None:
    slots = meeting_slots(event, day=meeting_days(event)[day])
    local = [timezone.localtime(slot.starts_at, event.tzinfo).time() for slot in slots]
    return slots[local.index(clock)].starts_at if clock in local else None


def _met_before(event: Event, first: Registration, second: Registration) -> bool:
    pair = Q(requester=first, invitee=second) | Q(requester=second, invitee=first)
    return Meeting.objects.filter(pair, event=event).exists()


def demo_meetings_ensure(*, company_owner: User) -> DemoMeetings:
    event = _summit_ensure()
    pennine = Company.objects.get(name=DEMO_COMPANY)
    people = {OWNER: (company_owner, pennine)} | {key: _person(key) for key in PEOPLE}
    registrations, registered = {}, 0
    for key, (user, company) in people.items():
        registrations[key], created = _registration_ensure(event, user, company)
        registered += created
    requested = booked = 0
    for asks, invited, day, clock, accepted, message in MEETINGS:
        requester, invitee = registrations[asks], registrations[invited]
        # Someone who cancelled their place in the demo is not asked again.
        away = {requester.status, invitee.status} != {RegistrationStatus.REGISTERED}
        if away or _met_before(event, requester, invitee):
            continue
        meeting = services.meeting_request(
            actor=requester.user,
            event_id=event.pk,
            invitee_id=invitee.pk,
            wished_start=_wished(event, day, clock),
            message=message,
        )
        requested += 1
        if accepted:
            services.meeting_accept(actor=invitee.user, event_id=event.pk, meeting_id=meeting.pk)
            booked += 1
    return DemoMeetings(registered=registered, requested=requested, booked=booked)
