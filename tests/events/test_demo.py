import datetime
import zoneinfo

import pytest
from django.core.management import call_command

from events.models import Event, ProgrammeDay, Registration, Session

pytestmark = pytest.mark.django_db


def _counts():
    return [model.objects.count() for model in (Event, ProgrammeDay, Session, Registration)]


def test_the_demo_has_the_summit_in_manchester_with_its_day_themes():
    call_command("load_demo")

    summit = Event.objects.get(title_en="Greater Manchester–Germany Innovation Summit")
    start = summit.starts_at.astimezone(zoneinfo.ZoneInfo("Europe/London"))
    assert (start.month, start.day, start.hour) == (9, 24, 9)
    assert summit.time_zone == "Europe/London"
    assert "Manchester" in summit.venue
    themes = [day.theme_en for day in summit.days.all()]
    assert themes == ["Energy and hydrogen", "Digital health and cybersecurity"]
    # The demo company's person is registered (with the people it meets 1:1 there).
    assert "company@demo.ruhrbridge.example" in set(
        summit.registrations.values_list("user__email", flat=True)
    )


def test_the_demo_events_lie_in_the_coming_year_on_every_bridge():
    call_command("load_demo")

    today = datetime.date.today()
    for event in Event.objects.all():
        assert today < event.starts_at.date() <= today + datetime.timedelta(days=366), event
        assert event.ends_at > event.starts_at
    assert Event.objects.filter(kind="webinar", bridges__slug="united-kingdom").count() >= 2
    assert Event.objects.filter(kind="trade_fair").exists()
    assert Event.objects.filter(kind="stand", title_en__contains="RuhrSummit").exists()
    for slug in ("netherlands", "israel", "north-america"):
        assert Event.objects.filter(bridges__slug=slug).exists(), slug


def test_loading_the_demo_twice_changes_no_event():
    call_command("load_demo")
    first = _counts()
    times = list(Event.objects.values_list("slug", "starts_at", "ends_at").order_by("slug"))

    call_command("load_demo")

    assert _counts() == first
    assert list(Event.objects.values_list("slug", "starts_at", "ends_at").order_by("slug")) == times
