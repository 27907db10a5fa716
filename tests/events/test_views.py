import datetime

import pytest
from django.utils import timezone

from events.models import Registration
from events.services import calendar_feed_for
from tests.events.conftest import company_person
from tests.factories import EventFactory, StaffFactory, UserFactory
from tests.support.admin import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_the_calendar_lists_public_upcoming_events_for_visitors(client):
    EventFactory(title_en="Hydrogen Day")
    EventFactory(title_en="Members Circle", visibility="members")
    past = timezone.now() - datetime.timedelta(days=3)
    EventFactory(title_en="Last Year", starts_at=past, ends_at=past + datetime.timedelta(hours=2))

    response = client.get("/en/events/")

    assert "Hydrogen Day" in response.text
    assert "Members Circle" not in response.text
    assert "Last Year" not in response.text


def test_the_calendar_filters_by_kind_bridge_sector_and_month(client):
    from bridges.models import Bridge, Sector

    webinar = EventFactory(
        title_en="UK Webinar", kind="webinar", venue="", online_url="https://meet.example/x"
    )
    webinar.sectors.set([Sector.objects.get(slug="hydrogen")])
    dutch = EventFactory(title_en="Dutch Fair", kind="trade_fair")
    dutch.bridges.set([Bridge.objects.get(slug="netherlands")])
    month = f"{webinar.starts_at:%Y-%m}"

    by_kind = client.get("/en/events/?kind=webinar").text
    by_bridge = client.get("/en/events/?bridge=netherlands").text
    by_sector = client.get("/en/events/?sector=hydrogen").text
    by_month = client.get(f"/en/events/?month={month}").text
    other_month = client.get("/en/events/?month=2031-01").text

    assert "UK Webinar" in by_kind and "Dutch Fair" not in by_kind
    assert "Dutch Fair" in by_bridge and "UK Webinar" not in by_bridge
    assert "UK Webinar" in by_sector and "Dutch Fair" not in by_sector
    assert "UK Webinar" in by_month and "Dutch Fair" in by_month
    assert "UK Webinar" not in other_month


def test_a_bad_month_gets_a_clear_message(client):
    EventFactory(title_en="Hydrogen Day")

    response = client.get("/en/events/?month=September")

    assert response.status_code == 200
    assert "Enter a month as year and month, e.g. 2027-09." in response.text
    assert "Hydrogen Day" in response.text


def test_the_calendar_needs_the_same_number_of_queries_for_one_or_three_events(client):
    person, _company = company_person()
    client.force_login(person)

    def make_event():
        event = EventFactory()
        Registration.objects.create(event=event, user=UserFactory(), status="registered")

    assert_constant_queries(client, "/en/events/", make_event)


def test_my_registrations_need_the_same_number_of_queries_for_one_or_three(client):
    person, company = company_person()
    calendar_feed_for(user=person)
    client.force_login(person)

    def make_registration():
        Registration.objects.create(
            event=EventFactory(), user=person, company=company, status="registered"
        )

    assert_constant_queries(client, "/en/events/mine/", make_registration)


def test_the_home_page_shows_the_upcoming_events(client):
    EventFactory(title_en="Hydrogen Day")

    response = client.get("/en/")

    assert "Upcoming events" in response.text
    assert "Hydrogen Day" in response.text


def test_the_event_page_shows_its_own_time_and_a_visitors_german_time(client):
    start = datetime.datetime(2027, 9, 24, 8, 0, tzinfo=datetime.UTC)
    EventFactory(
        slug="gm-summit",
        starts_at=start,
        ends_at=start + datetime.timedelta(days=1, hours=8),
        time_zone="Europe/London",
    )

    text = client.get("/en/events/gm-summit/").text

    assert "Sept. 24, 2027, 09:00 – Sept. 25, 2027, 17:00" in text
    assert "(local time, Europe/London)" in text
    assert "That is Sept. 24, 2027, 10:00 – Sept. 25, 2027, 18:00 in Europe/Berlin." in text


def test_a_viewer_in_the_events_zone_sees_one_time(client):
    viewer = UserFactory(time_zone="Europe/London")
    EventFactory(slug="gm-summit", time_zone="Europe/London")
    client.force_login(viewer)

    assert "That is" not in client.get("/en/events/gm-summit/").text


def test_a_members_only_event_is_not_found_for_outsiders_and_shown_to_bridge_members(client):
    EventFactory(slug="inner-circle", visibility="members")
    israeli, _company = company_person(bridge_slug="israel")
    member, _company = company_person()

    assert client.get("/en/events/inner-circle/").status_code == 404
    client.force_login(israeli)
    assert client.get("/en/events/inner-circle/").status_code == 404
    client.force_login(member)
    assert client.get("/en/events/inner-circle/").status_code == 200
    client.force_login(StaffFactory())
    assert client.get("/en/events/inner-circle/").status_code == 200


def test_registering_through_the_page_and_the_online_link_shows_only_then(client):
    person, company = company_person()
    EventFactory(slug="hybrid", online_url="https://meet.example/secret-room")
    client.force_login(person)
    before = client.get("/en/events/hybrid/").text

    response = client.post(
        "/en/events/hybrid/register/",
        {"attendance": "online", "company": str(company.pk)},
        follow=True,
    )

    assert "secret-room" not in before
    assert "You are registered." in response.text
    assert "https://meet.example/secret-room" in response.text
    assert Registration.objects.get().attendance == "online"


def test_a_full_event_puts_the_next_person_on_the_waiting_list(client):
    event = EventFactory(slug="small", capacity=1)
    seated, _company = company_person()
    Registration.objects.create(event=event, user=seated, status="registered")
    person, company = company_person()
    client.force_login(person)

    response = client.post(
        "/en/events/small/register/",
        {"attendance": "in_person", "company": str(company.pk)},
        follow=True,
    )

    assert "you are number 1 on the waiting list" in response.text
    assert Registration.objects.get(user=person).status == "waitlisted"


def test_a_form_without_a_choice_says_what_is_missing_and_registers_nobody(client):
    person, _company = company_person()
    EventFactory(slug="summit")
    client.force_login(person)

    response = client.post("/en/events/summit/register/", {}, follow=True)

    assert "This field is required." in response.text
    assert not Registration.objects.exists()


def test_cancelling_from_my_registrations_returns_there(client):
    person, company = company_person()
    event = EventFactory(slug="summit", title_en="Hydrogen Day")
    Registration.objects.create(event=event, user=person, company=company, status="registered")
    client.force_login(person)

    response = client.post("/en/events/summit/cancel/", {"next": "mine"}, follow=True)

    assert response.redirect_chain[-1][0] == "/en/events/mine/"
    assert "Your registration is cancelled." in response.text
    assert Registration.objects.get().status == "cancelled"


def test_a_person_without_a_company_is_told_how_to_register_for_a_summit(client):
    client.force_login(UserFactory())
    EventFactory(slug="summit")

    text = client.get("/en/events/summit/").text

    assert "profile to register." in text
    assert 'action="/en/events/summit/register/"' not in text


def test_the_event_page_shows_the_programme_with_each_days_theme(client):
    from events.models import ProgrammeDay, Session

    event = EventFactory(slug="gm-summit")
    day = ProgrammeDay.objects.create(
        event=event, date=event.starts_at.date(), theme_en="Energy and hydrogen"
    )
    Session.objects.create(
        day=day,
        starts=datetime.time(10),
        ends=datetime.time(12),
        title_en="Hydrogen valleys",
        title_de="Wasserstofftäler",
    )

    text = client.get("/en/events/gm-summit/").text

    assert f"{day.date:%A}" in text
    assert "Energy and hydrogen" in text
    assert "10:00–12:00" in text
    assert "Hydrogen valleys" in text


def test_htmx_swaps_only_the_results(client):
    EventFactory(title_en="Hydrogen Day", kind="summit")

    response = client.get(
        "/en/events/?kind=summit", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="event-results"
    )

    assert "Hydrogen Day" in response.text
    assert "<html" not in response.text
