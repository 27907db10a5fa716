import datetime
import zoneinfo

import icalendar
import pytest

from events.models import Registration
from events.services import calendar_feed_for, registration_cancel, registration_create
from tests.events.conftest import company_person
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def _summit():
    start = datetime.datetime(2027, 9, 24, 9, 0, tzinfo=LONDON)
    return EventFactory(
        slug="gm-summit",
        title_en="Greater Manchester–Germany Innovation Summit",
        starts_at=start,
        ends_at=start + datetime.timedelta(days=1, hours=8),
        online_url="https://meet.example/summit",
    )


def _ics(client, url="/en/events/gm-summit/calendar.ics"):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


@pytest.fixture
def registered(client):
    person, company = company_person()
    event = _summit()
    registration_create(
        actor=person, event_id=event.pk, attendance="in_person", company_id=company.pk
    )
    client.force_login(person)
    return person, event


def test_the_ics_has_the_event_in_its_own_time_zone_with_that_vtimezone(client, registered):
    calendar = _ics(client)

    [entry] = calendar.events
    assert calendar["METHOD"] == "PUBLISH"
    assert entry.start == datetime.datetime(2027, 9, 24, 9, 0, tzinfo=LONDON)
    assert entry["DTSTART"].params["TZID"] == "Europe/London"
    assert entry.end == datetime.datetime(2027, 9, 25, 17, 0, tzinfo=LONDON)
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]
    assert calendar.get_missing_tzids() == set()
    summer = calendar.timezones[0].to_tz().utcoffset(datetime.datetime(2027, 9, 24, 9))
    assert summer == datetime.timedelta(hours=1)
    assert entry["SUMMARY"] == "Greater Manchester–Germany Innovation Summit"
    assert entry["STATUS"] == "CONFIRMED"
    assert "https://meet.example/summit" in entry["LOCATION"]


def test_the_uid_stays_and_the_sequence_grows_with_each_change_and_cancel_is_sent(
    client, registered
):
    person, event = registered
    first = _ics(client).events[0]

    registration_cancel(actor=person, event_id=event.pk)
    cancelled_calendar = _ics(client)
    cancelled = cancelled_calendar.events[0]
    registration_create(
        actor=person,
        event_id=event.pk,
        attendance="online",
        company_id=Registration.objects.get().company_id,
    )
    again = _ics(client).events[0]

    assert first["UID"] == cancelled["UID"] == again["UID"]
    assert [first["SEQUENCE"], cancelled["SEQUENCE"], again["SEQUENCE"]] == [0, 1, 2]
    assert cancelled_calendar["METHOD"] == "CANCEL"
    assert cancelled["STATUS"] == "CANCELLED"


def test_a_waiting_person_gets_a_tentative_entry_without_the_online_link(client):
    event = _summit()
    event.capacity = 1
    event.save()
    Registration.objects.create(event=event, user=UserFactory(), status="registered")
    person, company = company_person()
    registration_create(
        actor=person, event_id=event.pk, attendance="in_person", company_id=company.pk
    )
    client.force_login(person)

    [entry] = _ics(client).events

    assert entry["STATUS"] == "TENTATIVE"
    assert "meet.example" not in entry["LOCATION"]


def test_without_a_registration_there_is_no_ics(client):
    _summit()
    client.force_login(UserFactory())

    assert client.get("/en/events/gm-summit/calendar.ics").status_code == 404


def test_the_feed_lists_a_persons_registrations_in_their_language(client, registered):
    person, _event = registered
    person.preferred_language = "de"
    person.save()
    feed = calendar_feed_for(user=person)
    client.logout()

    calendar = _ics(client, feed.get_absolute_url())

    assert calendar.calendar_name == "RuhrBridge-Veranstaltungen"
    assert [entry["UID"] for entry in calendar.events] == [Registration.objects.get().ics_uid]
    assert calendar.get_missing_tzids() == set()


def test_a_new_feed_address_makes_the_old_one_stop_working(client, registered):
    person, _event = registered
    old_url = calendar_feed_for(user=person).get_absolute_url()

    response = client.post("/en/events/feed/new/", follow=True)
    new_url = calendar_feed_for(user=person).get_absolute_url()

    assert "the old one no longer works" in response.text
    assert new_url != old_url
    assert new_url in response.text
    assert client.get(old_url).status_code == 404
    assert client.get(new_url).status_code == 200


def test_a_made_up_feed_token_finds_nothing(client):
    assert client.get("/en/events/feed/not-a-token.ics").status_code == 404
