"""The strict Content-Security-Policy on the pages the sweep only sees refused: one's own.

The permission sweep checks the policy on every page that opens for a role, but with someone
else's objects most company and municipality pages are (rightly) refused. Here their own people
open them, with hostile texts in every field (tests/security/test_xss.py's world), and the htmx
partials are asked for as htmx asks: the header allows no inline code, the HTML carries none.
"""

import pytest
from django.test import Client

from companies.self_service.views import STEPS
from events.models import Registration
from tests.factories import EventFactory, StaffFactory
from tests.security.csp import assert_strict_csp
from tests.security.test_xss import HostileWorld, _url
from tests.support.admin import admin_client_for

pytestmark = pytest.mark.django_db


def _assert_pages(client: Client, urls, **headers) -> None:
    for url in urls:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, url
        assert_strict_csp(response)


def test_a_companys_own_pages_meet_the_policy():
    world = HostileWorld()
    client = world.client_for(world.person)
    company, bridge = world.viewer.pk, "united-kingdom"
    _assert_pages(
        client,
        [
            _url("self_service:dashboard"),
            _url("self_service:start"),
            _url("self_service:company_create"),
            _url("self_service:join_search"),
            _url("self_service:join_request", world.evil.pk),
            _url("self_service:team", company),
            _url("self_service:bridges", company),
            *(
                _url("self_service:profile_step", company, step.slug)
                for step in STEPS
                if step.slug != "settlement"  # for companies outside the Ruhr only
            ),
            _url("matches:list", company, bridge),
            _url("matches:hidden", company, bridge),
            _url("introductions:list", company),
            _url("introductions:detail", company, world.introduction.pk),
            _url("notifications:list"),
            _url("notifications:settings"),
        ],
    )
    evil = world.client_for(world.evil_person)
    _assert_pages(
        evil,
        [
            _url("self_service:profile_step", world.evil.pk, "settlement"),
            _url("settlement:company", world.evil.pk, bridge),
        ],
    )


def test_a_municipalitys_own_pages_meet_the_policy():
    world = HostileWorld()
    world.essen.users.add(world.person)
    client = world.client_for(world.person)
    _assert_pages(
        client,
        [
            _url("bridges:municipality", "essen"),
            _url("bridges:twinning_new", "essen"),
            _url("bridges:twinning_edit", "essen", world.twinning.pk),
            _url("bridges:offer_new", "essen"),
            _url("bridges:offer_edit", "essen", world.offer.pk),
            _url("settlement:municipality", "essen"),
        ],
    )


def test_event_pages_of_a_participant_meet_the_policy():
    world = HostileWorld()
    event = EventFactory(meetings_enabled=True)
    for person, company in ((world.person, world.viewer), (world.evil_person, world.evil)):
        Registration.objects.create(event=event, user=person, company=company, status="registered")
    client = world.client_for(world.person)
    _assert_pages(
        client,
        [
            _url("events:calendar"),
            _url("events:mine"),
            _url("events:detail", event.slug),
            _url("meetings:people", event.slug),
            _url("meetings:agenda", event.slug),
        ],
    )


def test_htmx_partials_meet_the_policy():
    HostileWorld()
    _assert_pages(
        Client(),
        [_url("companies:directory")],
        HX_Request="true",
        HX_Target="directory-results",
    )
    _assert_pages(Client(), [_url("events:calendar")], HX_Request="true", HX_Target="event-results")
    staff = admin_client_for(Client(), StaffFactory())
    _assert_pages(staff, [_url("leads:board"), _url("meetings:grid", _meeting_event())])
    _assert_pages(staff, [_url("leads:board")], HX_Request="true")


def _meeting_event() -> str:
    return EventFactory(meetings_enabled=True).slug
