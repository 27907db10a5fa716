"""The staff workbench of match runs: progress, failures in red, starting runs."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from bridges.models import Bridge
from companies.permissions import BRIDGE_MANAGERS
from matchmaking.enums import ChunkStatus, MatchKind, RunStatus, RunTrigger
from matchmaking.models import Match, MatchChunk, MatchRun
from tests.factories import StaffFactory, UserFactory
from tests.matchmaking.runs_support import small_bridge, uk
from tests.support.admin import admin_client_for, assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    return admin_client_for(client, StaffFactory())


def _finished_run(status=RunStatus.SUCCEEDED, chunks=2, done=2) -> MatchRun:
    run = MatchRun.objects.create(
        bridge=uk(),
        kind=MatchKind.PARTNERSHIP,
        trigger=RunTrigger.STAFF,
        status=status,
        chunks_total=chunks,
        rows_written=40,
        error="Chunk 1 did not finish" if status == RunStatus.FAILED else "",
    )
    for index in range(chunks):
        MatchChunk.objects.create(
            run=run,
            index=index,
            status=ChunkStatus.DONE if index < done else ChunkStatus.FAILED,
        )
    return run


def test_the_run_list_shows_progress_and_failed_runs_in_red(staff_client):
    _finished_run(status=RunStatus.FAILED, chunks=3, done=1)

    page = staff_client.get(reverse("admin:matchmaking_matchrun_changelist")).content.decode()

    assert "1/3" in page
    assert 'class="match-run-status failed"' in page
    assert "matchmaking/admin.css" in page


def test_the_run_list_does_a_constant_number_of_queries(staff_client):
    assert_constant_queries(
        staff_client, reverse("admin:matchmaking_matchrun_changelist"), _finished_run
    )


def test_staff_start_both_kinds_from_the_admin(staff_client, django_capture_on_commit_callbacks):
    small_bridge(1)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:matchmaking_matchrun_start"), {"bridge": uk().pk, "kind": ""}
        )

    assert response.status_code == 302
    runs = MatchRun.objects.all()
    assert {run.kind for run in runs} == {"partnership", "settlement"}
    assert {run.status for run in runs} == {RunStatus.SUCCEEDED}
    assert all(run.started_by is not None for run in runs)


def test_the_match_list_is_read_only_and_constant_in_queries(
    staff_client, django_capture_on_commit_callbacks
):
    small_bridge(2)
    from matchmaking.services import match_run_start

    with django_capture_on_commit_callbacks(execute=True):
        match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP)
    url = reverse("admin:matchmaking_match_changelist")

    response = staff_client.get(url)

    assert response.status_code == 200
    assert Match.objects.first().company.name in response.content.decode()
    assert (
        staff_client.get(
            reverse("admin:matchmaking_match_change", args=[Match.objects.first().pk])
        ).status_code
        == 200
    )
    assert_constant_queries(staff_client, url, _stored_match)


def _stored_match() -> None:
    ruhr, partner = small_bridge(1)
    Match.objects.create(
        bridge=uk(),
        kind=MatchKind.PARTNERSHIP,
        company=ruhr,
        partner_company=partner,
        rank=1,
        score=0.5,
        scored_at=timezone.now(),
    )


def test_a_bridge_manager_sees_and_starts_runs_of_their_bridges_only(
    client, django_capture_on_commit_callbacks
):
    manager = UserFactory(is_staff=True)
    manager.groups.add(Group.objects.get(name=BRIDGE_MANAGERS))
    uk().managers.add(manager)
    _finished_run()
    MatchRun.objects.create(
        bridge=Bridge.objects.get(slug="israel"), kind=MatchKind.SETTLEMENT, trigger="staff"
    )
    admin_client_for(client, manager)

    listed = client.get(reverse("admin:matchmaking_matchrun_changelist")).context["cl"].result_list
    refused = client.post(
        reverse("admin:matchmaking_matchrun_start"),
        {"bridge": Bridge.objects.get(slug="israel").pk, "kind": "partnership"},
    )

    assert {run.bridge.slug for run in listed} == {"united-kingdom"}
    assert refused.status_code == 200  # the form refuses a bridge they do not manage
    assert MatchRun.objects.filter(bridge__slug="israel").count() == 1


def test_staff_export_selected_matches_with_the_command_columns(
    staff_client, django_capture_on_commit_callbacks
):
    small_bridge(1)
    from matchmaking.services import match_run_start

    with django_capture_on_commit_callbacks(execute=True):
        match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP)

    response = staff_client.post(
        reverse("admin:matchmaking_match_changelist"),
        {
            "action": "export_csv",
            "_selected_action": list(Match.objects.values_list("pk", flat=True)),
        },
    )

    header, first, *_ = response.content.decode().splitlines()
    assert header.startswith(
        "company,company_country,partner,partner_country,rank,score,reasons_en"
    )
    assert "is looking for" in first
