import base64
import datetime
import threading

import icalendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation

from events.models import Registration
from events.services import (
    event_calendar_changed,
    event_waitlist_fill,
    registration_cancel,
    registration_create,
    registrations_check_in,
)
from notifications.models import OutboundEmail
from tests.events.conftest import company_person
from tests.factories import EventFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _register(user, company, event, attendance="in_person"):
    return registration_create(
        actor=user, event_id=event.pk, attendance=attendance, company_id=company.pk
    )


def _full_event(capacity=1):
    event = EventFactory(capacity=capacity)
    seated = [company_person() for _ in range(capacity)]
    for user, company in seated:
        _register(user, company, event)
    return event, seated


def test_it_registers_while_seats_are_free_and_waitlists_after(person):
    event, _seated = _full_event(capacity=1)
    user, company = person
    second, second_company = company_person()

    first = _register(user, company, event)
    then = _register(second, second_company, event)

    assert (first.status, first.waitlist_position) == ("waitlisted", 1)
    assert (then.status, then.waitlist_position) == ("waitlisted", 2)


def test_a_cancellation_promotes_the_first_waiting_person_and_emails_them_in_german():
    event, [(seated, _company)] = _full_event(capacity=1)
    first_waiting, first_company = company_person(language="de")
    second_waiting, second_company = company_person()
    _register(first_waiting, first_company, event)
    _register(second_waiting, second_company, event)

    registration_cancel(actor=seated, event_id=event.pk, base_url="https://ruhrbridge.example")

    promoted = Registration.objects.get(user=first_waiting)
    assert (promoted.status, promoted.waitlist_position, promoted.ics_sequence) == (
        "registered",
        None,
        1,
    )
    assert Registration.objects.get(user=second_waiting).status == "waitlisted"
    email = OutboundEmail.objects.get(to_email=first_waiting.email)
    assert email.language == "de"
    assert "Ein Platz ist für Sie frei" in email.subject
    assert "https://ruhrbridge.example/de/events/mine/" in email.text_body
    [attachment] = email.attachments
    calendar = icalendar.Calendar.from_ical(base64.b64decode(attachment["content_base64"]))
    assert calendar.events[0]["UID"] == promoted.ics_uid
    assert calendar.events[0]["SEQUENCE"] == 1


def test_leaving_the_waiting_list_promotes_nobody():
    event, [(seated, _company)] = _full_event(capacity=1)
    waiting, company = company_person()
    _register(waiting, company, event)

    registration_cancel(actor=waiting, event_id=event.pk)

    assert Registration.objects.get(user=seated).status == "registered"
    assert not OutboundEmail.objects.exists()


def test_cancelling_counts_up_the_sequence_and_registering_again_keeps_the_row(person):
    user, company = person
    event = EventFactory()
    registration = _register(user, company, event)

    cancelled = registration_cancel(actor=user, event_id=event.pk)
    again = _register(user, company, event)

    assert cancelled.cancelled_at is not None
    assert again.pk == registration.pk
    assert (again.status, again.ics_sequence, again.cancelled_at) == ("registered", 2, None)


def test_cancelling_twice_says_so_and_changes_nothing(person):
    user, company = person
    event = EventFactory()
    _register(user, company, event)
    registration_cancel(actor=user, event_id=event.pk)

    with translation.override("en"), pytest.raises(ValidationError, match="not registered"):
        registration_cancel(actor=user, event_id=event.pk)

    assert Registration.objects.get().ics_sequence == 1


def test_registering_twice_says_so_and_changes_nothing(person):
    user, company = person
    event = EventFactory()
    _register(user, company, event)

    with translation.override("en"), pytest.raises(ValidationError, match="already on the list"):
        _register(user, company, event)

    assert Registration.objects.get().ics_sequence == 0


def test_registration_has_not_opened_yet(person):
    user, company = person
    opens = timezone.now() + datetime.timedelta(days=3)
    event = EventFactory(registration_opens_at=opens)

    with translation.override("en"), pytest.raises(ValidationError, match="Registration opens on"):
        _register(user, company, event)

    assert not Registration.objects.exists()


def test_registration_closes_automatically_at_the_deadline(person):
    user, company = person
    event = EventFactory(registration_closes_at=timezone.now() - datetime.timedelta(minutes=1))

    with translation.override("en"), pytest.raises(ValidationError) as error:
        _register(user, company, event)

    assert "Registration closed on" in error.value.messages[0]
    assert "(Europe/London)" in error.value.messages[0]
    assert not Registration.objects.exists()


def test_without_a_deadline_registration_closes_when_the_event_starts(person):
    user, company = person
    started = timezone.now() - datetime.timedelta(hours=1)
    event = EventFactory(starts_at=started, ends_at=started + datetime.timedelta(hours=5))

    with pytest.raises(ValidationError):
        _register(user, company, event)

    assert not Registration.objects.exists()


def test_a_guest_without_a_company_may_register_for_a_webinar_only():
    guest = UserFactory()
    webinar = EventFactory(kind="webinar", venue="", online_url="https://meet.example/uk")
    summit = EventFactory()

    registration = registration_create(actor=guest, event_id=webinar.pk, attendance="online")
    with translation.override("en"), pytest.raises(ValidationError, match="Choose the company"):
        registration_create(actor=guest, event_id=summit.pk, attendance="in_person")

    assert registration.company is None
    assert list(Registration.objects.values_list("event", flat=True)) == [webinar.pk]


def test_an_unverified_person_is_asked_to_confirm_their_address_first():
    unverified = UserFactory(verified_email=False)
    webinar = EventFactory(kind="webinar", venue="", online_url="https://meet.example/uk")

    with translation.override("en"), pytest.raises(PermissionDenied, match="confirm your e-mail"):
        registration_create(actor=unverified, event_id=webinar.pk, attendance="online")

    assert not Registration.objects.exists()


def test_one_cannot_register_for_someone_elses_company(person):
    user, _company = person
    _other, other_company = company_person()
    event = EventFactory()

    with translation.override("en"), pytest.raises(ValidationError, match="whose team you are in"):
        _register(user, other_company, event)

    assert not Registration.objects.exists()


def test_an_attendance_the_event_does_not_offer_is_refused(person):
    user, company = person
    event = EventFactory()  # a venue, no online link

    with translation.override("en"), pytest.raises(ValidationError, match="cannot be attended"):
        _register(user, company, event, attendance="online")

    assert not Registration.objects.exists()


def test_a_members_only_event_needs_a_company_on_one_of_its_bridges(person):
    user, company = person
    event = EventFactory(visibility="members")
    event.bridges.set([_bridge("israel")])

    with translation.override("en"), pytest.raises(ValidationError, match="not an approved member"):
        _register(user, company, event)

    assert not Registration.objects.exists()


def _bridge(slug):
    from bridges.models import Bridge

    return Bridge.objects.get(slug=slug)


def test_raising_the_capacity_moves_the_waiting_up():
    event, _seated = _full_event(capacity=1)
    waiting = [company_person() for _ in range(3)]
    for user, company in waiting:
        _register(user, company, event)
    event.capacity = 3
    event.save()

    promoted = event_waitlist_fill(event_id=event.pk)

    assert [r.user for r in promoted] == [waiting[0][0], waiting[1][0]]
    assert Registration.objects.get(user=waiting[2][0]).status == "waitlisted"
    assert OutboundEmail.objects.count() == 2


def test_a_change_of_time_counts_up_every_active_calendar_entry(person):
    user, company = person
    event = EventFactory()
    _register(user, company, event)

    assert event_calendar_changed(event_id=event.pk) == 1

    assert Registration.objects.get().ics_sequence == 1


def test_staff_check_in_registered_people_once():
    event, [(seated, _company)] = _full_event(capacity=1)
    waiting, company = company_person()
    _register(waiting, company, event)
    ids = list(Registration.objects.values_list("pk", flat=True))

    assert registrations_check_in(actor=StaffFactory(), registration_ids=ids) == 1
    assert registrations_check_in(actor=StaffFactory(), registration_ids=ids) == 0
    with pytest.raises(PermissionDenied):
        registrations_check_in(actor=seated, registration_ids=ids)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_people_at_once_for_twenty_seats_give_twenty_registered_and_thirty_waiting():
    assert connection.vendor == "postgresql", "this test needs PostgreSQL's row locks"
    event = EventFactory(capacity=20)
    people = [company_person() for _ in range(50)]
    barrier = threading.Barrier(50)
    failures: list[Exception] = []

    def register(user, company):
        barrier.wait()
        try:
            _register(user, company, event)
        except Exception as error:  # every failure is a finding here
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=person) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status="registered").count() == 20
    waiting = registrations.filter(status="waitlisted")
    assert sorted(waiting.values_list("waitlist_position", flat=True)) == list(range(1, 31))


def test_a_members_only_webinar_takes_no_guests():
    webinar = EventFactory(
        kind="webinar", venue="", online_url="https://meet.example/uk", visibility="members"
    )

    with pytest.raises(ValidationError):
        registration_create(actor=UserFactory(), event_id=webinar.pk, attendance="online")

    assert not Registration.objects.exists()
