import json

import pytest

from accounts.services import user_erase
from events.models import CalendarFeed, Registration
from events.services import calendar_feed_for, registration_create
from tests.events.conftest import company_person
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_my_data_download_holds_the_registrations(client):
    person, company = company_person()
    event = EventFactory(title_en="Hydrogen Day")
    registration_create(
        actor=person, event_id=event.pk, attendance="in_person", company_id=company.pk
    )
    calendar_feed_for(user=person)
    client.force_login(person)

    data = json.loads(client.get("/en/account/my-data/export.json").content)

    [registration] = data["events"]["registrations"]
    assert registration["event"] == "Hydrogen Day"
    assert registration["company"] == company.name
    assert registration["status"] == "registered"
    assert data["events"]["calendar_feed_created_at"]


def test_erasing_an_account_frees_its_seat_for_the_first_person_waiting():
    event = EventFactory(capacity=1)
    leaving, company = company_person()
    registration_create(
        actor=leaving, event_id=event.pk, attendance="in_person", company_id=company.pk
    )
    waiting, waiting_company = company_person()
    registration_create(
        actor=waiting, event_id=event.pk, attendance="in_person", company_id=waiting_company.pk
    )
    calendar_feed_for(user=leaving)

    user_erase(user=leaving)

    assert list(Registration.objects.values_list("user", "status")) == [(waiting.pk, "registered")]
    assert not CalendarFeed.objects.exists()


def test_a_guest_without_registrations_exports_an_empty_list(client):
    client.force_login(UserFactory())

    data = json.loads(client.get("/en/account/my-data/export.json").content)

    assert data["events"] == {
        "registrations": [],
        "meetings": [],
        "calendar_feed_created_at": None,
    }
