import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from bridges.models import Bridge
from events.models import Registration
from tests.events.conftest import company_person
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def _render(source: str, user, **context) -> str:
    request = RequestFactory().get("/")
    request.user = user
    with translation.override("en"):
        return Template(source).render(Context({"request": request, **context}))


def test_a_bridge_page_lists_the_events_of_that_bridge_only():
    EventFactory(title_en="Manchester Summit")
    dutch = EventFactory(title_en="Rotterdam Trip")
    dutch.bridges.set([Bridge.objects.get(slug="netherlands")])

    html = _render(
        '{% include "events/_bridge_events.html" %}',
        AnonymousUser(),
        bridge=Bridge.objects.get(slug="united-kingdom"),
    )

    assert "Manchester Summit" in html
    assert "Rotterdam Trip" not in html
    assert "/en/events/?bridge=united-kingdom" in html


def test_a_dashboard_lists_ones_coming_registrations_but_not_past_or_cancelled_ones():
    person, company = company_person()
    coming = EventFactory(title_en="Hydrogen Day")
    past_start = timezone.now() - datetime.timedelta(days=10)
    past = EventFactory(
        title_en="Old Fair", starts_at=past_start, ends_at=past_start + datetime.timedelta(hours=3)
    )
    dropped = EventFactory(title_en="Dropped Webinar")
    for event in (coming, past):
        Registration.objects.create(event=event, user=person, company=company, status="registered")
    Registration.objects.create(
        event=dropped, user=person, status="cancelled", cancelled_at=timezone.now()
    )

    html = _render('{% include "events/_dashboard_registrations.html" %}', person)

    assert "Hydrogen Day" in html
    assert "Old Fair" not in html
    assert "Dropped Webinar" not in html
