import pytest
from django.utils import timezone

from announcements.models import Announcement
from bridges.models import Bridge
from notifications.models import OutboundEmail
from tests.factories import CompanyFactory, CompanyMemberFactory, MembershipFactory
from tests.support.admin import admin_client_for, assert_constant_queries

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/announcements/announcement/"


@pytest.fixture
def staff_client(client, staff):
    return admin_client_for(client, staff)


def _member():
    membership = MembershipFactory(
        company=CompanyFactory(), status="approved", decided_at=timezone.now()
    )
    return CompanyMemberFactory(company=membership.company).user


def _announcement(**fields) -> Announcement:
    return Announcement.objects.create(
        title_en="Hydrogen week",
        title_de="Wasserstoffwoche",
        body_en="Hi",
        body_de="Hallo",
        **fields,
    )


def test_the_change_form_says_how_many_people_get_it(staff_client):
    _member()
    _member()
    announcement = _announcement(bridge=Bridge.objects.get(slug="united-kingdom"))

    response = staff_client.get(f"{CHANGELIST}{announcement.pk}/change/")

    assert "Recipients: 2. E-mails to send: 2. Skipped as unsubscribed: 0." in response.text


def test_staff_write_an_announcement_and_are_recorded_as_its_author(staff_client, staff):
    response = staff_client.post(
        f"{CHANGELIST}add/",
        {
            "title_de": "Neuigkeiten",
            "title_en": "News",
            "body_de": "Text",
            "body_en": "Text",
            "side": "both",
        },
    )

    assert response.status_code == 302
    assert Announcement.objects.get().created_by == staff


def test_the_send_action_asks_first_with_the_count_and_sends_nothing(staff_client):
    _member()
    announcement = _announcement()

    response = staff_client.post(
        CHANGELIST, {"action": "send", "_selected_action": [announcement.pk]}
    )

    assert response.status_code == 200
    assert "Recipients: 1. E-mails to send: 1." in response.text
    assert "Send now" in response.text
    assert not OutboundEmail.objects.exists()


def test_confirming_sends_once_and_the_announcement_becomes_read_only(staff_client):
    _member()
    announcement = _announcement()

    response = staff_client.post(
        CHANGELIST,
        {"action": "send", "_selected_action": [announcement.pk], "confirmed": "yes"},
        follow=True,
    )

    assert "is on its way. E-mails: 1." in response.text
    assert OutboundEmail.objects.count() == 1
    change = staff_client.get(f"{CHANGELIST}{announcement.pk}/change/")
    assert 'name="title_en"' not in change.text
    edit = staff_client.post(
        f"{CHANGELIST}{announcement.pk}/change/",
        {"title_de": "X", "title_en": "X", "body_de": "X", "body_en": "X", "side": "both"},
    )
    assert edit.status_code == 403
    announcement.refresh_from_db()
    assert announcement.title_en == "Hydrogen week"


def test_sending_a_sent_announcement_again_is_refused_with_a_message(staff_client):
    _member()
    announcement = _announcement()
    staff_client.post(
        CHANGELIST, {"action": "send", "_selected_action": [announcement.pk], "confirmed": "yes"}
    )

    response = staff_client.post(
        CHANGELIST,
        {"action": "send", "_selected_action": [announcement.pk], "confirmed": "yes"},
        follow=True,
    )

    assert "Select exactly one announcement that is not sent yet." in response.text
    assert OutboundEmail.objects.count() == 1


def test_the_list_reads_the_same_number_of_queries_for_one_or_three(staff_client):
    assert_constant_queries(staff_client, CHANGELIST, lambda: _announcement())
