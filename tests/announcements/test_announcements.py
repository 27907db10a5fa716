import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from announcements.models import Announcement
from announcements.selectors import announcement_recipient_plan
from announcements.services import announcement_send
from bridges.models import Bridge, Sector
from notifications.enums import EMAIL_KINDS, NotificationKind
from notifications.models import NotificationSetting, OutboundEmail, SuppressedAddress
from tests.factories import (
    CompanyFactory,
    CompanyMemberFactory,
    EventFactory,
    MembershipFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _member(*, bridge="united-kingdom", status="approved", ruhr=False, sector=None, **user):
    company = CompanyFactory(ruhr=ruhr)
    if sector:
        company.sectors.add(Sector.objects.get(slug=sector))
    MembershipFactory(
        company=company,
        bridge=Bridge.objects.get(slug=bridge),
        status=status,
        decided_at=timezone.now() if status == "approved" else None,
    )
    return CompanyMemberFactory(company=company, user=UserFactory(**user)).user


def _announcement(**segment) -> Announcement:
    return Announcement.objects.create(
        title_en="Hydrogen week",
        title_de="Wasserstoffwoche",
        body_en="Join us in Essen.",
        body_de="Kommen Sie nach Essen.",
        **segment,
    )


@pytest.fixture
def known_members():
    """UK: two partner companies (one hydrogen), one Ruhr company; NL: one; one applied."""
    return {
        "uk_hydrogen": _member(sector="hydrogen"),
        "uk_partner": _member(),
        "uk_ruhr": _member(ruhr=True, sector="hydrogen"),
        "nl": _member(bridge="netherlands"),
        "applied": _member(status="applied"),
    }


def _emails(plan) -> set[str]:
    return {user.email for user in plan.to_send}


@pytest.mark.parametrize(
    ("segment", "who"),
    [
        ({}, {"uk_hydrogen", "uk_partner", "uk_ruhr", "nl"}),
        ({"bridge": "united-kingdom"}, {"uk_hydrogen", "uk_partner", "uk_ruhr"}),
        ({"bridge": "united-kingdom", "side": "partner"}, {"uk_hydrogen", "uk_partner"}),
        ({"side": "ruhr"}, {"uk_ruhr"}),
        ({"sector": "hydrogen"}, {"uk_hydrogen", "uk_ruhr"}),
        ({"bridge": "netherlands", "sector": "hydrogen"}, set()),
    ],
)
def test_the_segment_picks_the_people_of_approved_companies_that_match(known_members, segment, who):
    fields = dict(segment)
    if "bridge" in fields:
        fields["bridge"] = Bridge.objects.get(slug=fields["bridge"])
    if "sector" in fields:
        fields["sector"] = Sector.objects.get(slug=fields["sector"])

    plan = announcement_recipient_plan(announcement=_announcement(**fields))

    assert _emails(plan) == {known_members[name].email for name in who}


def test_an_approved_membership_elsewhere_does_not_put_an_applicant_in_the_bridge(known_members):
    company = CompanyFactory()
    MembershipFactory(
        company=company,
        bridge=Bridge.objects.get(slug="netherlands"),
        status="approved",
        decided_at=timezone.now(),
    )
    MembershipFactory(company=company, status="applied")
    person = CompanyMemberFactory(company=company).user

    plan = announcement_recipient_plan(
        announcement=_announcement(bridge=Bridge.objects.get(slug="united-kingdom"))
    )

    assert person.email not in _emails(plan)


def test_an_events_announcement_goes_to_its_registered_people_only():
    event = EventFactory()
    registered = RegistrationFactory(event=event, status="registered").user
    RegistrationFactory(event=event, status="cancelled", cancelled_at=timezone.now())
    RegistrationFactory(event=event, status="waitlisted", waitlist_position=1)

    plan = announcement_recipient_plan(announcement=_announcement(event=event))

    assert _emails(plan) == {registered.email}


def test_an_event_and_a_segment_together_are_refused():
    announcement = Announcement(
        title_en="x",
        title_de="x",
        body_en="x",
        body_de="x",
        event=EventFactory(),
        side="ruhr",
    )

    with pytest.raises(ValidationError) as error:
        announcement.full_clean()

    assert "either an event's registrants or a segment" in str(error.value)


def test_sending_skips_the_unsubscribed_and_the_undeliverable_and_keeps_the_counts(
    known_members, staff, django_capture_on_commit_callbacks
):
    NotificationSetting.objects.create(
        user=known_members["uk_partner"],
        email_kinds=[str(k) for k in EMAIL_KINDS if k != NotificationKind.ANNOUNCEMENT],
    )
    SuppressedAddress.objects.create(
        email=known_members["nl"].email.lower(),
        reason="hard-bounce",
        source="webhook",
        first_seen="2026-11-01T00:00:00Z",
        last_seen="2026-11-01T00:00:00Z",
    )
    announcement = _announcement()

    with django_capture_on_commit_callbacks(execute=True):
        announcement = announcement_send(actor=staff, announcement_id=announcement.pk)

    assert (
        announcement.recipients_count,
        announcement.sent_count,
        announcement.skipped_unsubscribed,
        announcement.skipped_undeliverable,
    ) == (4, 2, 1, 1)
    assert announcement.sent_at is not None
    assert {message.to[0] for message in mail.outbox} == {
        known_members["uk_hydrogen"].email,
        known_members["uk_ruhr"].email,
    }


def test_each_person_gets_it_in_their_language_with_an_unsubscribe_link(staff):
    german = _member(preferred_language="de")
    english = _member(preferred_language="en")

    announcement_send(actor=staff, announcement_id=_announcement().pk)

    to_german = OutboundEmail.objects.get(to_email=german.email)
    to_english = OutboundEmail.objects.get(to_email=english.email)
    assert to_german.subject == "Wasserstoffwoche"
    assert "Kommen Sie nach Essen." in to_german.text_body
    assert "/de/unsubscribe/" in to_german.headers["List-Unsubscribe"]
    assert to_english.subject == "Hydrogen week"
    assert "Join us in Essen." in to_english.html_body
    assert "/en/unsubscribe/" in to_english.headers["List-Unsubscribe"]


def test_a_send_that_is_repeated_after_an_interruption_emails_nobody_twice(staff):
    _member()
    _member()
    announcement = _announcement()
    announcement_send(actor=staff, announcement_id=announcement.pk)
    # As if the first run stored its e-mails but died before it marked the announcement sent.
    Announcement.objects.filter(pk=announcement.pk).update(sent_at=None)

    announcement_send(actor=staff, announcement_id=announcement.pk)

    assert OutboundEmail.objects.count() == 2


def test_a_sent_announcement_cannot_be_sent_again(staff):
    _member()
    announcement = _announcement()
    announcement_send(actor=staff, announcement_id=announcement.pk)

    with pytest.raises(ValidationError, match="was sent on"):
        announcement_send(actor=staff, announcement_id=announcement.pk)

    assert OutboundEmail.objects.count() == 1


def test_only_staff_send_announcements(user):
    _member()
    announcement = _announcement()

    with pytest.raises(PermissionDenied):
        announcement_send(actor=user, announcement_id=announcement.pk)

    assert not OutboundEmail.objects.exists()
    announcement.refresh_from_db()
    assert announcement.sent_at is None
