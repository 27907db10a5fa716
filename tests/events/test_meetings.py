"""1:1 meetings at events: asking, booking, moving, cancelling, expiry, and the pages."""

import base64
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from bridges.models import Bridge
from events.enums import MeetingStatus
from events.meetings import services
from events.meetings.slots import meeting_slots
from events.models import Meeting, MeetingTable, Registration
from matchmaking.models import Match
from notifications.enums import EMAIL_KINDS, NotificationKind
from notifications.models import Notification, NotificationSetting, OutboundEmail
from notifications.texts import notification_text
from tests.events.conftest import company_person
from tests.factories import EventFactory, StaffFactory
from tests.support.admin import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages and links in English, whichever test ran before."""
    with translation.override("en"):
        yield


def meeting_event(*, tables: int = 2, **fields):
    start = (timezone.now() + datetime.timedelta(days=30)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    event = EventFactory(
        meetings_enabled=True,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=10),
        time_zone="UTC",
        **fields,
    )
    for number in range(tables):
        MeetingTable.objects.create(event=event, name=f"Table {number + 1}")
    return event


def participant(event, *, language: str = "en", name: str = ""):
    person, company = company_person(language=language)
    if name:
        person.full_name = name
        person.save(update_fields=["full_name"])
    return Registration.objects.create(
        event=event, user=person, company=company, status="registered"
    )


def _ics(email) -> str:
    attachment = email.attachments[0]
    return base64.b64decode(attachment["content_base64"]).decode()


def _emails_to(registration) -> list:
    return list(OutboundEmail.objects.filter(to_email=registration.user.email).order_by("pk"))


def test_it_books_the_earliest_free_slot_at_a_free_table_when_accepted():
    event = meeting_event()
    anna, ben = participant(event), participant(event)
    meeting = services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)

    booked = services.meeting_accept(actor=ben.user, event_id=event.pk, meeting_id=meeting.pk)

    first = meeting_slots(event)[0]
    assert (booked.status, booked.starts_at, booked.table.name) == (
        "accepted",
        first.starts_at,
        "Table 1",
    )
    assert booked.seats.filter(active=True).count() == 2


def test_a_person_already_booked_gets_the_next_slot_and_a_table_is_shared_by_no_one():
    event = meeting_event(tables=1)
    anna, ben, cara = participant(event), participant(event), participant(event)
    first = services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)
    services.meeting_accept(actor=ben.user, event_id=event.pk, meeting_id=first.pk)
    second = services.meeting_request(actor=cara.user, event_id=event.pk, invitee_id=ben.pk)

    booked = services.meeting_accept(actor=ben.user, event_id=event.pk, meeting_id=second.pk)

    assert booked.starts_at == meeting_slots(event)[1].starts_at


def test_a_pending_request_blocks_no_slot():
    event = meeting_event(tables=1)
    anna, ben, cara = participant(event), participant(event), participant(event)
    services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)
    other = services.meeting_request(actor=cara.user, event_id=event.pk, invitee_id=ben.pk)

    booked = services.meeting_accept(actor=ben.user, event_id=event.pk, meeting_id=other.pk)

    assert booked.starts_at == meeting_slots(event)[0].starts_at


def test_a_wished_slot_that_is_taken_gives_a_clear_message_and_changes_nothing():
    event = meeting_event(tables=1)
    anna, ben, cara = participant(event), participant(event), participant(event)
    slot = meeting_slots(event)[0].starts_at
    first = services.meeting_request(
        actor=anna.user, event_id=event.pk, invitee_id=ben.pk, wished_start=slot
    )
    services.meeting_accept(actor=ben.user, event_id=event.pk, meeting_id=first.pk)
    second = services.meeting_request(
        actor=cara.user, event_id=event.pk, invitee_id=anna.pk, wished_start=slot
    )

    with pytest.raises(Exception, match="no longer free"):
        services.meeting_accept(actor=anna.user, event_id=event.pk, meeting_id=second.pk)

    second.refresh_from_db()
    assert (second.status, second.starts_at) == ("requested", None)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("oneself", "yourself"),
        ("disabled", "no 1:1 meetings"),
        ("unregistered", "not registered"),
        ("twice", "already have"),
        ("bad slot", "meeting times"),
    ],
)
def test_bad_requests_are_refused_with_a_clear_message_and_nothing_is_stored(case, message):
    event = meeting_event()
    anna, ben = participant(event), participant(event)
    kwargs = {"actor": anna.user, "event_id": event.pk, "invitee_id": ben.pk}
    if case == "oneself":
        kwargs["invitee_id"] = anna.pk
    elif case == "disabled":
        event.meetings_enabled = False
        event.save(update_fields=["meetings_enabled"])
    elif case == "unregistered":
        ben.status, ben.cancelled_at = "cancelled", timezone.now()
        ben.save(update_fields=["status", "cancelled_at"])
    elif case == "twice":
        services.meeting_request(**kwargs)
    elif case == "bad slot":
        kwargs["wished_start"] = event.starts_at + datetime.timedelta(minutes=7)
    before = Meeting.objects.count()

    with pytest.raises(Exception, match=message):
        services.meeting_request(**kwargs)

    assert Meeting.objects.count() == before


def test_a_move_sends_both_people_the_same_calendar_entry_with_a_higher_sequence():
    event = meeting_event()
    anna, ben = participant(event), participant(event, language="de")
    meeting = services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)
    services.meeting_accept(actor=ben.user, event_id=event.pk, meeting_id=meeting.pk)
    later = meeting_slots(event)[3]

    services.meeting_move(
        actor=StaffFactory(),
        event_id=event.pk,
        meeting_id=meeting.pk,
        starts_at=later.starts_at,
        table_id=MeetingTable.objects.get(event=event, name="Table 2").pk,
    )

    for person in (anna, ben):
        booked, moved = [_ics(email) for email in _emails_to(person) if email.attachments]
        assert f"UID:{meeting.ics_uid}" in booked and f"UID:{meeting.ics_uid}" in moved
        assert "SEQUENCE:0" in booked and "SEQUENCE:1" in moved
        assert "Table 2" in moved
    assert "Gipfel" in _emails_to(ben)[-1].subject  # in the person's language


def test_a_move_into_a_taken_table_is_refused_and_changes_nothing():
    event = meeting_event(tables=1)
    anna, ben, cara, dan = (participant(event) for _ in range(4))
    first = services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)
    services.meeting_accept(actor=ben.user, event_id=event.pk, meeting_id=first.pk)
    second = services.meeting_request(actor=cara.user, event_id=event.pk, invitee_id=dan.pk)
    services.meeting_accept(actor=dan.user, event_id=event.pk, meeting_id=second.pk)
    second.refresh_from_db()

    with pytest.raises(Exception, match="not free then"):
        services.meeting_move(
            actor=StaffFactory(),
            event_id=event.pk,
            meeting_id=second.pk,
            starts_at=meeting_slots(event)[0].starts_at,
            table_id=second.table_id,
        )

    moved = Meeting.objects.get(pk=second.pk)
    assert (moved.starts_at, moved.ics_sequence) == (second.starts_at, 0)


def test_cancelling_a_booked_meeting_sends_a_cancel_and_frees_the_slot():
    event = meeting_event(tables=1)
    anna, ben = participant(event), participant(event)
    meeting = services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)
    services.meeting_accept(actor=ben.user, event_id=event.pk, meeting_id=meeting.pk)

    services.meeting_cancel(actor=anna.user, event_id=event.pk, meeting_id=meeting.pk)

    cancel = _ics(_emails_to(ben)[-1])
    assert "METHOD:CANCEL" in cancel and "SEQUENCE:1" in cancel
    assert f"UID:{meeting.ics_uid}" in cancel
    assert not meeting.seats.filter(active=True).exists()


def test_unanswered_requests_expire_when_the_event_begins():
    event = meeting_event()
    anna, ben = participant(event), participant(event)
    meeting = services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)

    assert services.meetings_expire(now=event.starts_at - datetime.timedelta(minutes=1)) == 0
    assert services.meetings_expire(now=event.starts_at) == 1

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.EXPIRED
    assert "expired" in _emails_to(anna)[-1].subject


def test_only_the_person_asked_accepts():
    event = meeting_event()
    anna, ben = participant(event), participant(event)
    meeting = services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)

    with pytest.raises(Exception, match="Only the person asked"):
        services.meeting_accept(actor=anna.user, event_id=event.pk, meeting_id=meeting.pk)

    meeting.refresh_from_db()
    assert meeting.status == "requested"


def _match(owner, partner, score):
    Match.objects.create(
        bridge=Bridge.objects.get(slug="united-kingdom"),
        kind="partnership",
        company=owner.company,
        partner_company=partner.company,
        rank=1,
        score=score,
        reasons=[],
        scored_at=timezone.now(),
    )


def test_the_page_suggests_matched_participants_first_best_score_first(client):
    event = meeting_event()
    viewer = participant(event)
    plain = participant(event, name="Plain Person")
    good = participant(event, name="Good Match")
    best = participant(event, name="Best Match")
    _match(viewer, good, 0.6)
    _match(viewer, best, 0.9)
    client.force_login(viewer.user)

    html = client.get(reverse("meetings:people", kwargs={"slug": event.slug})).content.decode()

    assert html.index("Best Match") < html.index("Good Match") < html.index("Plain Person")
    assert html.index("Suggested for you") < html.index("Everyone else")
    assert plain.company.name in html


def test_requesting_through_the_page_tells_the_other_person(client):
    event = meeting_event()
    anna, ben = participant(event), participant(event, language="de")
    client.force_login(anna.user)

    response = client.post(
        reverse("meetings:request", kwargs={"slug": event.slug}),
        {"invitee": ben.pk, "wished_start": "", "message": "Coffee?"},
        follow=True,
    )

    assert "Your request has been sent" in response.content.decode()
    assert "Coffee?" in _emails_to(ben)[-1].text_body


def test_a_person_not_registered_does_not_find_the_meetings_pages(client):
    event = meeting_event()
    participant(event)
    outsider, _company = company_person()
    client.force_login(outsider)

    for name in ("meetings:people", "meetings:agenda", "meetings:grid"):
        assert client.get(reverse(name, kwargs={"slug": event.slug})).status_code == 404


def test_the_agenda_lists_booked_meetings_with_time_table_and_partner(client):
    event = meeting_event()
    anna, ben = participant(event), participant(event, name="Ben Baker")
    meeting = services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)
    services.meeting_accept(actor=ben.user, event_id=event.pk, meeting_id=meeting.pk)
    client.force_login(anna.user)

    html = client.get(reverse("meetings:agenda", kwargs={"slug": event.slug})).content.decode()

    assert "Ben Baker" in html and "Table 1" in html and "09:00" in html
    assert 'style="' not in html


def test_the_people_page_makes_the_same_queries_for_one_or_three_participants(client):
    event = meeting_event()
    viewer = participant(event)
    client.force_login(viewer.user)

    def make_row():
        other = participant(event)
        _match(viewer, other, 0.5)
        services.meeting_request(actor=other.user, event_id=event.pk, invitee_id=viewer.pk)

    assert_constant_queries(
        client, reverse("meetings:people", kwargs={"slug": event.slug}), make_row
    )


def test_the_grid_and_agenda_make_the_same_queries_for_one_or_three_meetings(client):
    event = meeting_event(tables=3)
    viewer = participant(event)
    staff = StaffFactory()

    def make_row():
        other = participant(event)
        meeting = services.meeting_request(
            actor=other.user, event_id=event.pk, invitee_id=viewer.pk
        )
        services.meeting_accept(actor=viewer.user, event_id=event.pk, meeting_id=meeting.pk)

    client.force_login(viewer.user)
    assert_constant_queries(
        client, reverse("meetings:agenda", kwargs={"slug": event.slug}), make_row
    )
    client.force_login(staff)
    grid = reverse("meetings:grid", kwargs={"slug": event.slug})
    assert client.get(grid).status_code == 200
    assert_constant_queries(client, grid, make_row, rows_before=0, rows_after=2)


def _booked(event, first, second):
    meeting = services.meeting_request(actor=first.user, event_id=event.pk, invitee_id=second.pk)
    return services.meeting_accept(actor=second.user, event_id=event.pk, meeting_id=meeting.pk)


def test_the_invitee_accepts_and_declines_on_the_page(client):
    event = meeting_event()
    anna, ben, cara = participant(event), participant(event), participant(event)
    wanted = services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)
    unwanted = services.meeting_request(actor=cara.user, event_id=event.pk, invitee_id=ben.pk)
    client.force_login(ben.user)

    accepted = client.post(
        reverse("meetings:accept", kwargs={"slug": event.slug, "meeting_id": wanted.pk}),
        follow=True,
    )
    client.post(reverse("meetings:decline", kwargs={"slug": event.slug, "meeting_id": unwanted.pk}))

    assert "The meeting is booked" in accepted.content.decode()
    statuses = dict(Meeting.objects.values_list("pk", "status"))
    assert statuses == {wanted.pk: "accepted", unwanted.pk: "declined"}


def test_the_requester_cannot_accept_their_own_request_on_the_page(client):
    event = meeting_event()
    anna, ben = participant(event), participant(event)
    meeting = services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)
    client.force_login(anna.user)

    response = client.post(
        reverse("meetings:accept", kwargs={"slug": event.slug, "meeting_id": meeting.pk}),
        follow=True,
    )

    assert "Only the person asked can accept" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == "requested"


def test_a_request_without_a_person_is_refused_with_a_message_and_nothing_is_stored(client):
    event = meeting_event()
    anna = participant(event)
    participant(event)
    client.force_login(anna.user)

    with translation.override("en"):
        url = reverse("meetings:request", kwargs={"slug": event.slug})

    response = client.post(
        url,
        {"invitee": "", "wished_start": "not-a-time"},
        follow=True,
    )

    assert "This field is required" in response.content.decode()
    assert not Meeting.objects.exists()


def test_staff_move_a_meeting_on_the_grid(client):
    event = meeting_event()
    meeting = _booked(event, participant(event), participant(event))
    later = meeting_slots(event)[2]
    client.force_login(StaffFactory())

    response = client.post(
        reverse("meetings:move", kwargs={"slug": event.slug, "meeting_id": meeting.pk}),
        {"starts_at": later.starts_at.isoformat(), "table": meeting.table_id},
        follow=True,
    )

    assert "The meeting has been moved" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.ics_sequence) == (later.starts_at, 1)


def test_a_move_to_a_time_that_is_no_slot_is_refused_and_changes_nothing(client):
    event = meeting_event()
    meeting = _booked(event, participant(event), participant(event))
    client.force_login(StaffFactory())

    response = client.post(
        reverse("meetings:move", kwargs={"slug": event.slug, "meeting_id": meeting.pk}),
        {"starts_at": "2030-01-01T03:07:00+00:00", "table": meeting.table_id},
        follow=True,
    )

    assert "Choose one of the event" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).starts_at == meeting.starts_at


def test_the_grid_shows_the_booked_meetings_at_their_table_and_time(client):
    event = meeting_event()
    _booked(event, participant(event, name="Ann Archer"), participant(event, name="Bo Brown"))
    client.force_login(StaffFactory())

    html = client.get(reverse("meetings:grid", kwargs={"slug": event.slug})).content.decode()

    assert "Ann Archer · Bo Brown" in html
    assert html.index("09:00–09:20") < html.index("Ann Archer")


def test_a_guest_without_a_company_is_listed_by_name_or_as_a_participant(client):
    event = meeting_event()
    viewer = participant(event)
    guest = participant(event)
    guest.company = None
    guest.save(update_fields=["company"])
    guest.user.full_name = ""
    guest.user.save(update_fields=["full_name"])
    client.force_login(viewer.user)

    response = client.get(reverse("meetings:people", kwargs={"slug": event.slug}))

    assert "A participant" in response.content.decode()


def test_staff_open_a_lead_from_a_meeting_that_took_place():
    event = meeting_event()
    anna, ben = participant(event), participant(event)
    meeting = _booked(event, anna, ben)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() - datetime.timedelta(minutes=40),
    )

    lead, created = services.meeting_lead_open(
        actor=StaffFactory(is_superuser=True), meeting_id=meeting.pk
    )

    assert created and lead.stage == "meeting-held" and lead.origin == "staff"
    assert {lead.company_id, lead.partner_company_id} == {anna.company_id, ben.company_id}


def test_a_meeting_still_to_come_does_not_become_a_lead():
    event = meeting_event()
    meeting = _booked(event, participant(event), participant(event))

    with pytest.raises(Exception, match="not taken place yet"):
        services.meeting_lead_open(actor=StaffFactory(), meeting_id=meeting.pk)

    from leads.models import Lead

    assert not Lead.objects.exists()


def test_the_admin_action_opens_the_lead_of_a_meeting_held(client):
    from leads.models import Lead
    from tests.support.admin import admin_client_for

    event = meeting_event()
    meeting = _booked(event, participant(event), participant(event))
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() - datetime.timedelta(minutes=40),
    )
    staff = admin_client_for(client, StaffFactory(is_superuser=True))

    response = staff.post(
        "/admin/events/meeting/",
        {"action": "open_leads", "_selected_action": [meeting.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert Lead.objects.get().stage == "meeting-held"
    assert staff.get("/admin/events/meeting/").status_code == 200


def test_a_person_who_no_longer_comes_frees_their_meetings_and_the_others_are_told():
    event = meeting_event()
    anna, ben, cara = participant(event), participant(event), participant(event)
    booked = _booked(event, anna, ben)
    services.meeting_request(actor=cara.user, event_id=event.pk, invitee_id=anna.pk)

    assert services.meetings_release_for(registration_id=anna.pk) == 2

    assert set(Meeting.objects.values_list("status", flat=True)) == {"cancelled"}
    assert not booked.seats.filter(active=True).exists()
    assert "METHOD:CANCEL" in _ics(_emails_to(ben)[-1])
    assert "cancelled" in _emails_to(cara)[-1].subject


def test_the_agenda_leaves_out_a_partner_who_cancelled_their_registration(client):
    event = meeting_event()
    anna, ben = participant(event), participant(event, name="Ben Gone")
    _booked(event, anna, ben)
    ben.status, ben.cancelled_at = "cancelled", timezone.now()
    ben.save(update_fields=["status", "cancelled_at"])
    client.force_login(anna.user)

    html = client.get(reverse("meetings:agenda", kwargs={"slug": event.slug})).content.decode()

    assert "Ben Gone" not in html


def test_the_expiry_runs_as_a_beat_task_every_quarter_hour():
    from django_celery_beat.models import PeriodicTask

    from events.tasks import meetings_expire

    task = PeriodicTask.objects.get(task="events.tasks.meetings_expire")
    event = meeting_event()
    anna, ben = participant(event), participant(event)
    services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)
    type(event).objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )

    assert task.crontab.minute == "*/15"
    assert meetings_expire.run() == 1
    assert meetings_expire.run() == 0


def test_cancelling_the_registration_cancels_the_persons_meetings_and_tells_the_other():
    from events.services import registration_cancel

    event = meeting_event(tables=1)
    anna, ben = participant(event), participant(event)
    meeting = _booked(event, anna, ben)

    registration_cancel(actor=anna.user, event_id=event.pk)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert not meeting.seats.filter(active=True).exists()
    assert "METHOD:CANCEL" in _ics(_emails_to(ben)[-1])


def test_the_personal_data_export_holds_the_persons_meetings(client):
    import json

    event = meeting_event()
    anna, ben = participant(event, name="Anna Example"), participant(event, name="Ben Example")
    services.meeting_request(
        actor=anna.user, event_id=event.pk, invitee_id=ben.pk, message="Coffee at ten?"
    )
    client.force_login(ben.user)

    data = json.loads(client.get("/en/account/my-data/export.json").content)

    [meeting] = data["events"]["meetings"]
    assert (meeting["with"], meeting["asked_by_you"], meeting["message"]) == (
        "Anna Example",
        False,
        "Coffee at ten?",
    )


def test_the_event_page_leads_registered_people_to_their_meetings(client):
    event = meeting_event()
    anna = participant(event)
    client.force_login(anna.user)

    page = client.get(event.get_absolute_url()).content.decode()

    with translation.override(event.get_absolute_url().split("/")[1]):
        assert reverse("meetings:people", args=[event.slug]) in page
        assert reverse("meetings:agenda", args=[event.slug]) in page


def test_a_request_reaches_the_invitee_in_the_app_in_their_language():
    event = meeting_event()
    anna = participant(event, name="Anna Ahrens")
    ben = participant(event, language="de")

    services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)

    notification = Notification.objects.get(user=ben.user)
    assert notification.kind == "meeting-requested"
    assert notification.url.endswith(f"/{event.slug}/meetings/")
    with translation.override("de"):
        text = notification_text(kind=notification.kind, params=notification.params)
    assert text.startswith("Anna Ahrens")
    assert event.title_de in text


def test_a_booked_meeting_tells_both_people_in_the_app_with_time_and_table_once():
    event = meeting_event()
    anna, ben = participant(event), participant(event, name="Ben Becker")
    meeting = services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)
    services.meeting_accept(actor=ben.user, event_id=event.pk, meeting_id=meeting.pk)

    booked = Notification.objects.filter(kind="meeting-booked")
    mine = booked.get(user=anna.user)
    with translation.override("en"):
        text = notification_text(kind=mine.kind, params=mine.params)
    assert booked.count() == 2
    assert "Ben Becker" in text
    assert "Table 1" in text
    assert mine.url.endswith(f"/{event.slug}/agenda/")


def test_a_person_who_switched_booked_meeting_emails_off_gets_none_but_still_the_notice():
    event = meeting_event()
    anna, ben = participant(event), participant(event)
    NotificationSetting.objects.create(
        user=anna.user,
        email_kinds=[k for k in EMAIL_KINDS if k != NotificationKind.MEETING_BOOKED],
    )
    meeting = services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)

    services.meeting_accept(actor=ben.user, event_id=event.pk, meeting_id=meeting.pk)

    assert [e.subject for e in _emails_to(anna)] == [f"Meeting request at “{event.title}”"]
    assert Notification.objects.filter(user=anna.user, kind="meeting-booked").exists()
    assert len(_emails_to(ben)) == 2


def test_a_meeting_email_carries_the_link_to_stop_that_kind_of_email():
    event = meeting_event()
    anna, ben = participant(event), participant(event)

    services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)

    email = _emails_to(ben)[0]
    assert "List-Unsubscribe" in email.headers
    assert "/unsubscribe/" in email.text_body


def test_each_participant_card_says_where_the_meeting_with_that_person_stands(client):
    event = meeting_event()
    anna = participant(event)
    booked, asking, asked, free = (participant(event) for _ in range(4))
    first = services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=booked.pk)
    services.meeting_accept(actor=booked.user, event_id=event.pk, meeting_id=first.pk)
    services.meeting_request(actor=asking.user, event_id=event.pk, invitee_id=anna.pk)
    services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=asked.pk)
    client.force_login(anna.user)

    page = client.get(reverse("meetings:people", args=[event.slug])).content.decode()

    def card(registration) -> str:
        start = page.index(f'id="person-{registration.pk}"')
        return page[start : page.index("</article>", start)]

    assert "On your agenda" in card(booked)
    assert "Answer the request" in card(asking)
    assert "Waiting for an answer" in card(asked)
    assert "Ask for a meeting" in card(free)


def test_a_refused_request_keeps_what_was_typed(client):
    event = meeting_event()
    anna, ben = participant(event), participant(event)
    client.force_login(anna.user)

    response = client.post(
        reverse("meetings:request", kwargs={"slug": event.slug}),
        {
            "invitee": ben.pk,
            "wished_start": "not-a-time",
            "message": "Coffee at the hydrogen stand?",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Coffee at the hydrogen stand?" in html
    assert f'<option value="{ben.pk}" selected>' in html
    assert 'class="field-error"' in html
    assert not Meeting.objects.exists()
