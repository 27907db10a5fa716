"""The demo data gets its matches in embedded mode, where tasks run in-process."""

import csv
import io

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


def test_the_settlement_export_of_the_demo_lists_offers_and_landing_partners(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path
    call_command("load_demo", verbosity=0)
    out = tmp_path / "settlement.csv"

    call_command(
        "export_matches",
        "--bridge",
        "united-kingdom",
        "--kind",
        "settlement",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    offers = [row for row in rows if row["partner_kind"] == "offer"]
    landing = [row for row in rows if row["partner_kind"] == "company"]
    assert offers and landing
    assert {row["partner_country"] for row in offers + landing} == {"DE"}
    assert {row["company_country"] for row in rows} == {"GB"}
    assert any(" offers " in row["reasons_en"] for row in offers)
    assert any("enter the market" in row["reasons_en"] for row in landing)
