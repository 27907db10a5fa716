import csv
import io

import pytest

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


def test_raising_the_capacity_in_the_admin_promotes_the_waiting(staff_client):
    event = EventFactory(capacity=1)
    Registration.objects.create(event=event, user=UserFactory(), status="registered")
    waiting = Registration.objects.create(
        event=event, user=UserFactory(), status="waitlisted", waitlist_position=1
    )
    form = staff_client.get(f"/admin/events/event/{event.pk}/change/").context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "bridges": [b.pk for b in event.bridges.all()],
            "starts_at_0": event.starts_at.astimezone().strftime("%Y-%m-%d"),
            "starts_at_1": event.starts_at.astimezone().strftime("%H:%M:%S"),
            "ends_at_0": event.ends_at.astimezone().strftime("%Y-%m-%d"),
            "ends_at_1": event.ends_at.astimezone().strftime("%H:%M:%S"),
            "capacity": 2,
            "days-TOTAL_FORMS": 0,
            "days-INITIAL_FORMS": 0,
        }
    )
    for field in ("registration_opens_at", "registration_closes_at"):
        data.pop(field, None)

    response = staff_client.post(f"/admin/events/event/{event.pk}/change/", data, follow=True)

    assert "1 person moved up from the waiting list" in response.text
    waiting.refresh_from_db()
    assert waiting.status == "registered"


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
