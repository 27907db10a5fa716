"""The demo data gets its matches in embedded mode, where tasks run in-process."""

import pytest
from django.core.management import call_command

from bridges.models import Bridge
from matchmaking.enums import MatchKind, RunStatus
from matchmaking.models import Match, MatchRun

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_load_demo_computes_both_kinds_of_matches_for_every_active_bridge(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path

    call_command("load_demo", verbosity=0)

    active = set(Bridge.objects.filter(status="active").values_list("slug", flat=True))
    runs = MatchRun.objects.filter(status=RunStatus.SUCCEEDED)
    assert {(run.bridge.slug, run.kind) for run in runs} == {
        (slug, kind) for slug in active for kind in MatchKind.values
    }
    uk = Bridge.objects.get(slug="united-kingdom")
    assert Match.objects.filter(bridge=uk, kind=MatchKind.PARTNERSHIP).count() > 100
    assert Match.objects.filter(bridge=uk, kind=MatchKind.SETTLEMENT, partner_offer__isnull=False)
