"""In-app notifications: made once per key, listed, opened, read; what comes by e-mail."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts import privacy
from companies.self_service.emails import membership_decision_announce
from events.models import Registration
from events.services import event_calendar_changed, registration_cancel, registration_create
from leads import services as leads
from notifications.enums import EMAIL_KINDS, NotificationKind
from notifications.models import Notification, NotificationSetting, OutboundEmail
from notifications.services import notification_settings_save, notify
from notifications.texts import bilingual
from tests.events.conftest import company_person
from tests.factories import CompanyMemberFactory, EventFactory, UserFactory
from tests.matchmaking.runs_support import member, uk
from tests.support.admin import assert_constant_queries

pytestmark = pytest.mark.django_db

LIST = "/en/my/notifications/"
SETTINGS = "/en/my/notifications/settings/"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _notice(user, *, key=None, event="Hydrogen summit", url="/de/my/notifications/settings/"):
    return notify(
        user=user,
        kind=NotificationKind.REGISTRATION_CONFIRMED,
        params={"event": bilingual(f"{event} (de)", event)},
        url=url,
        key=key,
    )


def _signed_in(client, user=None):
    user = user or UserFactory()
    client.force_login(user)
    return user


# --- notify ------------------------------------------------------------------------------------


def test_it_notifies_once_per_key_and_person():
    person, other = UserFactory(), UserFactory()

    first = _notice(person, key="event-registered:1:0")
    again = _notice(person, key="event-registered:1:0")
    _notice(other, key="event-registered:1:0")

    assert first is not None
    assert again is None
    assert Notification.objects.filter(user=person).count() == 1
    assert Notification.objects.filter(user=other).count() == 1


def test_it_refuses_a_kind_it_does_not_know_and_stores_nothing():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="not a kind of notification"):
        notify(user=UserFactory(), kind="birthday", params={})

    assert not Notification.objects.exists()


# --- the list ---------------------------------------------------------------------------------


def test_the_list_shows_the_newest_first_in_the_readers_language_with_unread_ones_marked(client):
    person = _signed_in(client)
    _notice(person, event="Older summit")
    newest = _notice(person, event="Newer summit")

    english = client.get(LIST).content.decode()
    german = client.get("/de/my/notifications/").content.decode()

    assert english.index("Newer summit") < english.index("Older summit")
    assert f'id="notification-{newest.pk}"' in english
    assert english.count("is-unread") == 2
    assert "You are registered for “Newer summit”." in english
    assert "Newer summit (de)" in german


def test_the_list_says_so_when_there_is_nothing_yet(client):
    _signed_in(client)

    page = client.get(LIST).content.decode()

    assert "No notifications yet." in page
    assert "Mark all as read" not in page


def test_the_list_is_for_signed_in_people_only(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_opening_one_marks_it_read_and_goes_to_its_page_in_the_readers_language(client):
    person = _signed_in(client)
    notification = _notice(person, url="/de/my/notifications/settings/")

    response = client.post(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == SETTINGS
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "is-unread" not in client.get(LIST).content.decode()


def test_opening_is_a_post_only(client):
    person = _signed_in(client)
    notification = _notice(person)

    response = client.get(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_someone_elses_notification_does_not_exist_and_stays_unread(client):
    _signed_in(client)
    theirs = _notice(UserFactory())

    response = client.post(reverse("notifications:open", args=[theirs.pk]))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_as_read_reads_only_ones_own(client):
    person = _signed_in(client)
    _notice(person)
    _notice(person)
    theirs = _notice(UserFactory())

    response = client.post(reverse("notifications:read_all"), follow=True)

    assert "All notifications are marked as read." in response.content.decode()
    assert not Notification.objects.filter(user=person, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_list_pages_after_twenty(client):
    person = _signed_in(client)
    for number in range(21):
        _notice(person, event=f"Summit {number:02d}")

    first = client.get(LIST).content.decode()
    second = client.get(LIST + "?page=2").content.decode()

    assert "Summit 20" in first and "Summit 00" not in first
    assert "Summit 00" in second
    assert "Page 2 of 2" in second


def test_the_list_does_a_constant_number_of_queries(client):
    person = _signed_in(client)

    assert_constant_queries(client, LIST, lambda: _notice(person))


# --- the header -------------------------------------------------------------------------------


def test_the_header_counts_the_unread_ones_in_one_query(client):
    person = _signed_in(client)
    _notice(person)
    _notice(person)
    read = _notice(person)
    read.read_at = read.created_at
    read.save()

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/en/").content.decode()

    assert 'badge-unread">2<span class="visually-hidden"> unread</span>' in page
    counts = [
        q["sql"] for q in queries.captured_queries if "notifications_notification" in q["sql"]
    ]
    assert len(counts) == 1


def test_the_header_shows_no_count_when_all_are_read(client):
    _signed_in(client)

    page = client.get("/en/").content.decode()

    assert "Notifications</a>" in page
    assert "unread" not in page


def test_a_visitor_gets_no_notifications_link_and_no_query_for_it(client):
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/en/").content.decode()

    assert reverse("notifications:list") not in page
    assert not [q for q in queries.captured_queries if "notifications_notification" in q["sql"]]


# --- settings ---------------------------------------------------------------------------------


def test_everything_comes_by_email_until_the_person_chooses(client):
    _signed_in(client)

    page = client.get(SETTINGS).content.decode()

    assert page.count('name="email_kinds"') == len(EMAIL_KINDS)
    assert page.count(" checked") == len(EMAIL_KINDS)
    assert "password resets" in page


def test_the_settings_page_saves_the_choice(client):
    person = _signed_in(client)

    response = client.post(
        SETTINGS, {"email_kinds": ["introduction-requested", "strong-matches"]}, follow=True
    )

    assert "Your e-mail settings are saved." in response.content.decode()
    assert NotificationSetting.objects.get(user=person).email_kinds == [
        "introduction-requested",
        "strong-matches",
    ]


def test_turning_every_email_off_is_a_choice_too(client):
    person = _signed_in(client)

    client.post(SETTINGS, {})

    assert NotificationSetting.objects.get(user=person).email_kinds == []


def test_an_unknown_kind_is_refused_with_a_message_and_nothing_changes(client):
    person = _signed_in(client)
    notification_settings_save(user=person, email_kinds=["strong-matches"])

    response = client.post(SETTINGS, {"email_kinds": ["strong-matches", "birthday"]})

    assert response.status_code == 200
    assert "Select a valid choice. birthday is not one of the available choices." in (
        response.content.decode()
    )
    assert NotificationSetting.objects.get(user=person).email_kinds == ["strong-matches"]


def test_the_service_refuses_a_kind_without_email_and_changes_nothing():
    from django.core.exceptions import ValidationError

    person = UserFactory()

    with pytest.raises(ValidationError, match="registration-confirmed"):
        notification_settings_save(user=person, email_kinds=["registration-confirmed"])

    assert not NotificationSetting.objects.exists()


# --- the places that notify -------------------------------------------------------------------


@pytest.fixture
def pair():
    asking = member(ruhr=False, name="Pennine Test Ltd")
    asked = member(ruhr=True, name="Emscher Test GmbH")
    CompanyMemberFactory(company=asking, user=UserFactory(email="asker@pennine.example"))
    CompanyMemberFactory(company=asked, user=UserFactory(email="answer@emscher.example"))
    return asking, asked


def _introduce(asking, asked):
    return leads.introduction_request(
        actor=asking.members.get().user,
        bridge=uk(),
        requester=asking,
        recipient=asked,
        message="Let us talk.",
    )


def test_a_request_notifies_the_asked_people_and_emails_them_by_default(
    pair, django_capture_on_commit_callbacks
):
    asking, asked = pair

    with django_capture_on_commit_callbacks(execute=True):
        introduction = _introduce(asking, asked)

    answerer = asked.members.get().user
    [notification] = Notification.objects.filter(user=answerer)
    assert notification.kind == NotificationKind.INTRODUCTION_REQUESTED
    assert notification.url == f"/en/my/companies/{asked.pk}/introductions/{introduction.pk}/"
    assert OutboundEmail.objects.filter(to_email="answer@emscher.example").count() == 1
    assert not Notification.objects.filter(user=asking.members.get().user).exists()


def test_with_the_email_turned_off_the_notification_still_comes_but_no_email(
    pair, django_capture_on_commit_callbacks
):
    asking, asked = pair
    answerer = asked.members.get().user
    notification_settings_save(user=answerer, email_kinds=["strong-matches"])

    with django_capture_on_commit_callbacks(execute=True):
        _introduce(asking, asked)

    assert Notification.objects.filter(
        user=answerer, kind=NotificationKind.INTRODUCTION_REQUESTED
    ).exists()
    assert not OutboundEmail.objects.filter(to_email="answer@emscher.example").exists()


def test_a_retried_email_task_notifies_nobody_twice(pair, django_capture_on_commit_callbacks):
    from leads.emails import introduction_requested

    asking, asked = pair
    with django_capture_on_commit_callbacks(execute=True):
        introduction = _introduce(asking, asked)

    introduction_requested(introduction_id=introduction.pk)

    assert Notification.objects.count() == 1
    assert OutboundEmail.objects.count() == 1


def test_a_bridge_decision_notifies_every_person_of_the_company_and_emails_those_who_want_it():
    company = member(ruhr=False, name="Decided Ltd")
    wants, does_not = UserFactory(), UserFactory()
    CompanyMemberFactory(company=company, user=wants)
    CompanyMemberFactory(company=company, user=does_not, role="member")
    notification_settings_save(user=does_not, email_kinds=[])
    membership = company.bridge_memberships.get()

    membership_decision_announce(membership_id=membership.pk)
    membership_decision_announce(membership_id=membership.pk)

    for person in (wants, does_not):
        [notification] = Notification.objects.filter(user=person)
        assert notification.kind == NotificationKind.MEMBERSHIP_DECIDED
    text = client_text(wants)
    assert "Decided Ltd is now a member of" in text
    assert list(OutboundEmail.objects.values_list("to_email", flat=True)) == [wants.email]


def client_text(user) -> str:
    from notifications.selectors import notification_texts, notifications_for

    return " ".join(text for _n, text in notification_texts(notifications_for(user=user)))


def test_a_registration_is_confirmed_in_the_app_without_an_email():
    person, company = company_person()
    event = EventFactory(title_en="Hydrogen Days")

    registration_create(
        actor=person, event_id=event.pk, attendance="in_person", company_id=company.pk
    )

    [notification] = Notification.objects.filter(user=person)
    assert notification.kind == NotificationKind.REGISTRATION_CONFIRMED
    assert notification.url == event.get_absolute_url()
    assert "You are registered for “Hydrogen Days”." in client_text(person)
    assert not OutboundEmail.objects.exists()


def test_moving_up_from_the_waiting_list_notifies_and_emails_only_if_wanted():
    event = EventFactory(capacity=1)
    seated, seated_company = company_person()
    waiting, waiting_company = company_person()
    registration_create(
        actor=seated, event_id=event.pk, attendance="in_person", company_id=seated_company.pk
    )
    registration_create(
        actor=waiting, event_id=event.pk, attendance="in_person", company_id=waiting_company.pk
    )
    notification_settings_save(user=waiting, email_kinds=[])

    registration_cancel(actor=seated, event_id=event.pk)

    assert Registration.objects.get(user=waiting).status == "registered"
    assert Notification.objects.filter(
        user=waiting, kind=NotificationKind.WAITLIST_PROMOTED
    ).exists()
    assert not OutboundEmail.objects.filter(to_email=waiting.email).exists()


def test_a_changed_event_tells_the_people_on_its_list_in_the_app_and_by_email():
    event = EventFactory(title_en="Hydrogen Days")
    person, company = company_person(language="de")
    registration_create(
        actor=person, event_id=event.pk, attendance="in_person", company_id=company.pk
    )
    cancelled, cancelled_company = company_person()
    registration_create(
        actor=cancelled,
        event_id=event.pk,
        attendance="in_person",
        company_id=cancelled_company.pk,
    )
    registration_cancel(actor=cancelled, event_id=event.pk)

    event_calendar_changed(event_id=event.pk)
    event_calendar_changed(event_id=event.pk)

    changed = Notification.objects.filter(kind=NotificationKind.EVENT_CHANGED)
    assert list(changed.values_list("user", flat=True)) == [person.pk, person.pk]
    emails = OutboundEmail.objects.filter(to_email=person.email)
    assert emails.count() == 2
    email = emails.first()
    assert email.language == "de"
    assert f"/de/events/{event.slug}/" in email.text_body
    assert email.attachments[0]["mimetype"] == "text/calendar"
    assert not OutboundEmail.objects.filter(to_email=cancelled.email).exists()


# --- GDPR -------------------------------------------------------------------------------------


def test_the_export_holds_the_notifications_and_settings_and_erasure_removes_them():
    person = UserFactory()
    _notice(person, event="Privacy summit")
    notification_settings_save(user=person, email_kinds=["strong-matches"])

    export = privacy.personal_data_export(user=person)["notifications"]
    privacy.personal_data_erase(user=person)

    assert export["notifications"][0]["text"] == "You are registered for “Privacy summit”."
    assert export["email_settings"]["by_email"] == ["strong-matches"]
    assert not Notification.objects.exists()
    assert not NotificationSetting.objects.exists()
