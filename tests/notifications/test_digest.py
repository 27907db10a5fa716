"""New strong matches: announced once after a run, and the weekly digest by e-mail."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django_celery_beat.models import PeriodicTask

from matchmaking.digest import match_digests_send
from matchmaking.enums import MatchKind, RunStatus
from matchmaking.models import Match, MatchRun
from matchmaking.services import match_run_finalise
from notifications.enums import NotificationKind
from notifications.models import AnnouncedMatch, Notification, NotificationSetting, OutboundEmail
from notifications.services import notification_settings_save
from tests.factories import CompanyMemberFactory, UserFactory
from tests.matchmaking.runs_support import member, uk

pytestmark = pytest.mark.django_db

# A Monday morning in Berlin; a week's digests are sent at this time.
MONDAY = datetime.datetime(2026, 11, 23, 6, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _person(company, **fields):
    user = UserFactory(**fields)
    CompanyMemberFactory(company=company, user=user)
    return user


def _match(company, partner, *, score=0.8, rank=1, announced_at=None):
    match = Match.objects.create(
        bridge=uk(),
        kind=MatchKind.PARTNERSHIP,
        company=company,
        partner_company=partner,
        rank=rank,
        score=score,
        reasons=[],
        scored_at=timezone.now(),
    )
    if announced_at is not None:
        AnnouncedMatch.objects.create(
            bridge_id=match.bridge_id,
            match_kind=match.kind,
            company_id=company.pk,
            partner_company_id=partner.pk,
            announced_at=announced_at,
        )
    return match


def _last_digest(user, at):
    NotificationSetting.objects.update_or_create(user=user, defaults={"last_digest_at": at})


# --- announcing after a run -------------------------------------------------------------------


def _finished_run(django_capture_on_commit_callbacks) -> MatchRun:
    run = MatchRun.objects.create(
        bridge=uk(),
        kind=MatchKind.PARTNERSHIP,
        status=RunStatus.RUNNING,
        trigger="staff",
        started_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        match_run_finalise(run_id=run.pk)
    return run


def test_a_finished_run_tells_each_companys_people_of_its_new_strong_matches_once(
    django_capture_on_commit_callbacks,
):
    company = member(ruhr=True, name="Emscher Strong GmbH")
    person = _person(company)
    _match(company, member(ruhr=False), score=0.9)
    _match(company, member(ruhr=False), score=0.7, rank=2)
    _match(company, member(ruhr=False), score=0.5, rank=3)

    _finished_run(django_capture_on_commit_callbacks)
    _finished_run(django_capture_on_commit_callbacks)

    [notification] = Notification.objects.filter(user=person)
    assert notification.kind == NotificationKind.STRONG_MATCHES
    assert notification.params["count"] == 2
    assert notification.url == f"/en/my/companies/{company.pk}/bridges/united-kingdom/matches/"
    assert AnnouncedMatch.objects.count() == 2


def test_a_pair_that_becomes_strong_later_is_news_then(django_capture_on_commit_callbacks):
    company = member(ruhr=True)
    person = _person(company)
    _match(company, member(ruhr=False), score=0.9)
    _finished_run(django_capture_on_commit_callbacks)
    _match(company, member(ruhr=False), score=0.65, rank=2)

    _finished_run(django_capture_on_commit_callbacks)

    counts = Notification.objects.filter(user=person).order_by("pk")
    assert [n.params["count"] for n in counts] == [1, 1]


# --- the digest -------------------------------------------------------------------------------


def test_the_digest_lists_only_new_strong_matches_of_the_persons_own_companies():
    mine = member(ruhr=True, name="Mine GmbH")
    person = _person(mine, email="digest@mine.example")
    _last_digest(person, MONDAY - datetime.timedelta(days=7))
    recent = MONDAY - datetime.timedelta(days=2)
    _match(mine, member(ruhr=False, name="New Strong Ltd"), announced_at=recent)
    _match(
        mine,
        member(ruhr=False, name="Old Strong Ltd"),
        rank=2,
        announced_at=MONDAY - datetime.timedelta(days=10),
    )
    _match(mine, member(ruhr=False, name="Only Good Ltd"), score=0.5, rank=3, announced_at=recent)
    others = member(ruhr=True, name="Others GmbH")
    _person(others)
    _match(others, member(ruhr=False, name="Not Yours Ltd"), announced_at=recent)

    match_digests_send(now=MONDAY)

    email = OutboundEmail.objects.get(to_email="digest@mine.example")
    assert email.subject == "New strong matches for your companies"
    assert "Mine GmbH · Innovation Bridge United Kingdom" in email.text_body
    assert "- New Strong Ltd" in email.text_body
    assert f"/en/my/companies/{mine.pk}/bridges/united-kingdom/matches/" in email.text_body
    for absent in ("Old Strong Ltd", "Only Good Ltd", "Not Yours Ltd"):
        assert absent not in email.text_body
    assert "New Strong Ltd" in email.html_body
    assert email.idempotency_key == f"digest:{person.pk}:2026-W48"


def test_people_with_nothing_new_get_no_digest():
    company = member(ruhr=True)
    person = _person(company)
    _last_digest(person, MONDAY - datetime.timedelta(days=7))
    _match(company, member(ruhr=False), announced_at=MONDAY - datetime.timedelta(days=8))

    assert match_digests_send(now=MONDAY) == 0

    assert not OutboundEmail.objects.exists()


def test_a_second_run_in_the_same_week_sends_nothing_even_with_news_since():
    company = member(ruhr=True)
    person = _person(company)
    _match(company, member(ruhr=False), announced_at=MONDAY - datetime.timedelta(days=1))
    assert match_digests_send(now=MONDAY) == 1
    _match(
        company,
        member(ruhr=False, name="Later Ltd"),
        rank=2,
        announced_at=MONDAY + datetime.timedelta(hours=1),
    )

    again = match_digests_send(now=MONDAY + datetime.timedelta(hours=2))

    assert again == 0
    assert OutboundEmail.objects.filter(to_email=person.email).count() == 1
    assert NotificationSetting.objects.get(user=person).last_digest_at == MONDAY
    next_week = match_digests_send(now=MONDAY + datetime.timedelta(days=7))
    assert next_week == 1
    latest = OutboundEmail.objects.filter(to_email=person.email).order_by("-pk").first()
    assert "Later Ltd" in latest.text_body


def test_a_german_person_gets_the_digest_in_german():
    company = member(ruhr=True, name="Deutsch GmbH")
    person = _person(company, preferred_language="de")
    _match(company, member(ruhr=False), announced_at=MONDAY - datetime.timedelta(days=1))

    match_digests_send(now=MONDAY)

    email = OutboundEmail.objects.get(to_email=person.email)
    assert email.language == "de"
    assert email.text_body.startswith("Guten Tag,")
    assert "Deutsch GmbH · Innovation Bridge Vereinigtes Königreich" in email.text_body
    assert f"/de/my/companies/{company.pk}/bridges/united-kingdom/matches/" in email.text_body
    assert "/de/my/notifications/settings/" in email.text_body


def test_someone_who_turned_the_digest_off_gets_none():
    company = member(ruhr=True)
    person = _person(company)
    notification_settings_save(user=person, email_kinds=["introduction-requested"])
    _match(company, member(ruhr=False), announced_at=MONDAY - datetime.timedelta(days=1))

    assert match_digests_send(now=MONDAY) == 0

    assert not OutboundEmail.objects.exists()


def test_the_matches_of_a_batch_are_read_in_one_query_however_many_people_it_holds():
    def queries_for(people: int) -> int:
        OutboundEmail.objects.all().delete()
        NotificationSetting.objects.all().delete()
        for _ in range(people):
            company = member(ruhr=True)
            _person(company)
            _match(company, member(ruhr=False), announced_at=MONDAY - datetime.timedelta(days=1))
        with CaptureQueriesContext(connection) as context:
            match_digests_send(now=MONDAY)
        return sum("matchmaking_match" in q["sql"] for q in context.captured_queries)

    assert queries_for(1) == queries_for(3) == 1


def test_the_digest_is_scheduled_for_monday_mornings_in_berlin():
    task = PeriodicTask.objects.get(task="matchmaking.tasks.match_digests_send")

    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("0", "7", "1")
    assert str(task.crontab.timezone) == "Europe/Berlin"
