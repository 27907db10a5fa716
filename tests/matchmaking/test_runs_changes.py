"""Changes take effect at once where they remove; additions re-score one company, debounced."""

import pytest
from celery import current_app
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from bridges.models import Capability
from companies.enums import MembershipStatus, Visibility
from companies.self_service import services as self_service
from companies.services import membership_decide
from companies.signals import company_profile_changed
from matchmaking import services, tasks
from matchmaking.enums import MatchKind, PairState, RunStatus
from matchmaking.models import Match, MatchRun
from tests.factories import CompanyMemberFactory, StaffFactory
from tests.matchmaking.runs_support import cyber_capabilities, member, small_bridge, uk

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _runs_directory(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path / "match-runs"


@pytest.fixture
def matched(django_capture_on_commit_callbacks):
    """Two Ruhr and two UK companies with a finished partnership run."""
    companies = small_bridge(2)
    with django_capture_on_commit_callbacks(execute=True):
        services.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP)
    assert MatchRun.objects.get().status == RunStatus.SUCCEEDED
    return companies


def _appears(company) -> bool:
    return Match.objects.filter(partner_company=company).exists()


def test_a_company_that_goes_hidden_leaves_every_list_at_once(matched):
    company = matched[1]
    assert _appears(company)

    company.visibility = Visibility.HIDDEN
    company.save()

    assert not _appears(company)
    assert not Match.objects.filter(company=company).exists()
    assert Match.objects.filter(partner_company=matched[3]).exists()


def test_a_company_that_switches_matching_off_in_its_profile_leaves_every_list(matched, client):
    company = matched[1]
    owner = CompanyMemberFactory(company=company)
    client.force_login(owner.user)

    client.post(
        reverse("self_service:profile_step", args=[company.pk, "visibility"]),
        {"visibility": "public"},
    )

    company.refresh_from_db()
    assert company.open_to_matching is False
    assert not _appears(company)


def test_a_company_that_leaves_the_bridge_leaves_every_list(matched):
    company = matched[0]
    owner = CompanyMemberFactory(company=company)
    membership = company.bridge_memberships.get()

    self_service.bridge_withdraw(actor=owner.user, company=company, membership_id=membership.pk)

    assert not _appears(company)


def test_a_declined_membership_removes_the_company_from_that_bridge(matched):
    company = matched[0]
    membership = company.bridge_memberships.get()
    membership.status = MembershipStatus.DECLINED
    membership.save()

    assert not _appears(company)


def test_not_interested_removes_the_pair_from_both_lists_and_taking_it_back_rescores(
    matched, django_capture_on_commit_callbacks
):
    ruhr, partner = matched[0], matched[1]
    assert Match.objects.filter(company=ruhr, partner_company=partner).exists()

    services.match_pair_set(
        actor=None, bridge=uk(), company=ruhr, partner=partner, state=PairState.NOT_INTERESTED
    )

    assert not Match.objects.filter(company=ruhr, partner_company=partner).exists()
    assert not Match.objects.filter(company=partner, partner_company=ruhr).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.match_pair_clear(bridge=uk(), company=ruhr, partner=partner)
    assert Match.objects.filter(company=ruhr, partner_company=partner).exists()


def test_a_declined_introduction_removes_the_pair_and_a_new_run_leaves_it_out(
    matched, django_capture_on_commit_callbacks
):
    ruhr, partner = matched[0], matched[1]

    services.match_pair_set(
        actor=None,
        bridge=uk(),
        company=partner,
        partner=ruhr,
        state=PairState.INTRODUCTION_DECLINED,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP, trigger="staff")

    assert MatchRun.objects.filter(status=RunStatus.SUCCEEDED).count() >= 2
    assert not Match.objects.filter(company=ruhr, partner_company=partner).exists()
    assert not Match.objects.filter(company=partner, partner_company=ruhr).exists()


def test_an_approval_scores_the_new_member_at_once_in_embedded_mode(
    matched, django_capture_on_commit_callbacks
):
    caps = cyber_capabilities()
    newcomer = member(ruhr=False, offers=[caps[1]], seeks=[caps[0]], types=("distribution",))
    application = newcomer.bridge_memberships.get()
    application.status, application.decided_at = MembershipStatus.APPLIED, None
    application.save()
    assert not Match.objects.filter(company=newcomer).exists()

    with django_capture_on_commit_callbacks(execute=True):
        membership_decide(actor=StaffFactory(), membership_id=application.pk, approve=True)

    rows = list(Match.objects.filter(company=newcomer).order_by("rank"))
    assert rows and [row.rank for row in rows] == list(range(1, len(rows) + 1))
    assert {row.partner_company.is_ruhr for row in rows} == {True}


def test_a_profile_change_rescores_the_company_against_the_other_side(
    matched, django_capture_on_commit_callbacks
):
    ruhr, first_partner, _, second_partner = matched
    assert _partners(ruhr)[0] == first_partner.pk
    caps = cyber_capabilities()
    ruhr.offers.set(Capability.objects.filter(slug=caps[2]))
    ruhr.seeks.set(Capability.objects.filter(slug=caps[3]))

    with django_capture_on_commit_callbacks(execute=True):
        company_profile_changed.send(sender="companies", company_id=ruhr.pk)

    assert _partners(ruhr)[0] == second_partner.pk


def _partners(company) -> list[int]:
    return list(
        Match.objects.filter(company=company, kind=MatchKind.PARTNERSHIP)
        .order_by("rank")
        .values_list("partner_company", flat=True)
    )


def test_five_saves_with_a_broker_make_one_rescore_task(monkeypatch, settings):
    settings.MATCH_RESCORE_DELAY_SECONDS = 5
    sent = []
    monkeypatch.setitem(current_app.conf, "task_always_eager", False)
    monkeypatch.setattr(
        tasks.company_rescore, "apply_async", lambda args, **options: sent.append((args, options))
    )

    for _ in range(5):
        company_profile_changed.send(sender="companies", company_id=42)

    assert sent == [((42,), {"countdown": 5})]


def test_a_save_after_the_rescore_started_schedules_another(monkeypatch):
    sent = []
    monkeypatch.setitem(current_app.conf, "task_always_eager", False)
    monkeypatch.setattr(
        tasks.company_rescore, "apply_async", lambda args, **options: sent.append(args)
    )
    company_profile_changed.send(sender="companies", company_id=42)

    services.company_rescore(company_id=42)
    company_profile_changed.send(sender="companies", company_id=42)

    assert sent == [(42,), (42,)]


def test_the_nightly_run_and_the_stale_chunk_sweep_are_scheduled():
    nightly = PeriodicTask.objects.get(task="matchmaking.tasks.match_runs_nightly")
    sweep = PeriodicTask.objects.get(task="matchmaking.tasks.match_chunks_requeue_stale")

    assert nightly.enabled and (nightly.crontab.hour, nightly.crontab.minute) == ("2", "30")
    assert sweep.enabled and sweep.interval.every == 60
