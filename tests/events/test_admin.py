import csv
import datetime
import io
import zoneinfo

import pytest
from django.utils import timezone

from events.models import Registration
from tests.events.conftest import company_person
from tests.factories import EventFactory, StaffFactory, UserFactory
from tests.support.admin import admin_client_for, assert_constant_queries

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/events/registration/"


@pytest.fixture
def staff_client(client):
    return admin_client_for(client, StaffFactory())


def test_the_attendee_list_exports_as_csv_with_formula_guard(staff_client):
    event = EventFactory(title_en="Hydrogen Day")
    person, company = company_person()
    person.full_name = "=HYPERLINK(evil)"
    person.save()
    registration = Registration.objects.create(
        event=event, user=person, company=company, status="registered"
    )

    response = staff_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [registration.pk]}
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["event", "name", "e-mail"]
    assert rows[1][:2] == ["Hydrogen Day", "'=HYPERLINK(evil)"]


def test_staff_check_people_in_from_the_attendee_list(staff_client):
    registration = Registration.objects.create(
        event=EventFactory(), user=UserFactory(), status="registered"
    )

    response = staff_client.post(
        CHANGELIST, {"action": "check_in", "_selected_action": [registration.pk]}, follow=True
    )

    assert "1 person checked in." in response.text
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_the_event_admin_pages_open(staff_client):
    event = EventFactory()

    assert staff_client.get("/admin/events/event/").status_code == 200
    assert staff_client.get(f"/admin/events/event/{event.pk}/change/").status_code == 200
    assert staff_client.get("/admin/events/event/add/").status_code == 200
    assert staff_client.get(CHANGELIST).status_code == 200


def _change_form_data(staff_client, event, **changes):
    """What the admin's change form posts back for `event`, with `changes`."""
    form = staff_client.get(f"/admin/events/event/{event.pk}/change/").context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, (list, datetime.datetime))
    }
    data["bridges"] = [bridge.pk for bridge in event.bridges.all()]
    for name in ("starts_at", "ends_at"):
        shown = timezone.localtime(form.initial[name])
        data[f"{name}_0"], data[f"{name}_1"] = f"{shown:%Y-%m-%d}", f"{shown:%H:%M:%S}"
    data.update({"days-TOTAL_FORMS": 0, "days-INITIAL_FORMS": 0, **changes})
    return data


def test_raising_the_capacity_in_the_admin_promotes_the_waiting(staff_client):
    event = EventFactory(capacity=1)
    Registration.objects.create(event=event, user=UserFactory(), status="registered")
    waiting = Registration.objects.create(
        event=event, user=UserFactory(), status="waitlisted", waitlist_position=1
    )

    response = staff_client.post(
        f"/admin/events/event/{event.pk}/change/",
        _change_form_data(staff_client, event, capacity=2),
        follow=True,
    )

    assert "1 person moved up from the waiting list" in response.text
    waiting.refresh_from_db()
    assert waiting.status == "registered"
    assert waiting.ics_sequence == 1  # promoted; the unchanged times changed nothing


def test_staff_type_the_times_of_an_event_as_clocks_at_its_place(staff_client):
    london = zoneinfo.ZoneInfo("Europe/London")
    event = EventFactory(
        time_zone="Europe/London",
        starts_at=datetime.datetime(2027, 9, 24, 9, 0, tzinfo=london),
        ends_at=datetime.datetime(2027, 9, 24, 17, 0, tzinfo=london),
    )
    registration = Registration.objects.create(event=event, user=UserFactory(), status="registered")
    page = staff_client.get(f"/admin/events/event/{event.pk}/change/").text
    assert 'value="09:00:00"' in page

    staff_client.post(
        f"/admin/events/event/{event.pk}/change/",
        _change_form_data(staff_client, event, starts_at_1="10:00:00"),
    )

    event.refresh_from_db()
    assert event.starts_at == datetime.datetime(2027, 9, 24, 10, 0, tzinfo=london)
    registration.refresh_from_db()
    assert registration.ics_sequence == 1


def test_the_attendee_list_exports_as_xlsx(staff_client):
    from openpyxl import load_workbook

    registration = Registration.objects.create(
        event=EventFactory(title_en="Hydrogen Day"), user=UserFactory(), status="registered"
    )

    response = staff_client.post(
        CHANGELIST, {"action": "export_xlsx", "_selected_action": [registration.pk]}
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Hydrogen Day"
    assert rows[1][2] == registration.user.email


def test_the_event_and_attendee_lists_need_the_same_number_of_queries_for_one_or_three(
    staff_client,
):
    def make_registration():
        Registration.objects.create(event=EventFactory(), user=UserFactory(), status="registered")

    assert_constant_queries(staff_client, CHANGELIST, make_registration)
    assert_constant_queries(staff_client, "/admin/events/event/", make_registration)
