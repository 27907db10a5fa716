import pytest
from django.core.management import call_command
from django.utils import timezone

from bridges.models import Bridge
from companies.enums import MembershipStatus, Visibility
from companies.models import BridgeMembership, Company, CompanyMember
from matchmaking.config import matching_weights
from matchmaking.engine import Weights, explain, prepare, run_partners
from matchmaking.engine.ranking import MIN_SCORE
from matchmaking.profiles import bridge_snapshot
from tests.factories import CompanyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_builds_the_bridge_snapshot_from_the_demo_data():
    call_command("load_demo", verbosity=0)
    bridge = Bridge.objects.get(slug="united-kingdom")
    pennine = Company.objects.get(name="Pennine Electrolysis Ltd")

    snapshot = bridge_snapshot(bridge=bridge)

    row = snapshot.row_of[pennine.pk]
    assert len(snapshot) == BridgeMembership.objects.filter(bridge=bridge).count()
    assert snapshot.side[row] == 1
    assert snapshot.offers[row].nnz == 2
    assert snapshot.settlement_intent[row]
    assert snapshot.settlement_offers
    assert "Manchester" in snapshot.descriptions[row]


def test_the_demo_bridge_gives_every_company_good_partners_from_the_other_side():
    call_command("load_demo", verbosity=0)
    snapshot = bridge_snapshot(bridge=Bridge.objects.get(slug="united-kingdom"))
    prepared = prepare(snapshot)

    results = explain(prepared, run_partners(prepared, k=5).lists)

    for result in results:
        assert 1 <= len(result.matches) <= 5
        assert all(match.score >= MIN_SCORE for match in result.matches)
        sides = {snapshot.side[snapshot.row_of[m.partner_id]] for m in result.matches}
        assert sides == {1 - snapshot.side[snapshot.row_of[result.company_id]]}


def test_it_reads_status_visibility_and_shared_members_in_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    bridge = Bridge.objects.get(slug="united-kingdom")
    declined = MembershipFactory(status=MembershipStatus.DECLINED, decided_at=timezone.now())
    hidden = MembershipFactory(
        status=MembershipStatus.APPROVED,
        decided_at=timezone.now(),
        company=CompanyFactory(visibility=Visibility.HIDDEN),
    )
    user = UserFactory()
    shared = [
        MembershipFactory(
            status=MembershipStatus.APPROVED,
            decided_at=timezone.now(),
            company=CompanyFactory(ruhr=True) if ruhr else CompanyFactory(),
        )
        for ruhr in (True, False)
    ]
    for membership in shared:
        CompanyMember.objects.create(company=membership.company, user=user, role="owner")

    with django_assert_max_num_queries(12):
        snapshot = bridge_snapshot(bridge=bridge)

    inactive = dict(zip(snapshot.ids.tolist(), snapshot.inactive, strict=True))
    assert inactive[declined.company_id] == "not_approved"
    assert inactive[hidden.company_id] == "hidden"
    a, b = (snapshot.row_of[m.company_id] for m in shared)
    assert snapshot.excluded[a, b] == 1


def test_matching_weights_come_from_the_settings(settings):
    settings.MATCHING_WEIGHTS = {"description": 0.0}

    assert matching_weights() == Weights(description=0.0)


def test_an_unknown_weight_in_the_settings_is_refused_with_its_name(settings):
    settings.MATCHING_WEIGHTS = {"colour": 1}

    with pytest.raises(ValueError, match="colour"):
        matching_weights()
