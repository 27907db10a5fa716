"""The Matches page: a company's explained partner list on a bridge, for its own people."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from companies.enums import MembershipStatus
from matchmaking import services
from matchmaking.enums import MatchKind, PairState, RunStatus, ScoreBand, score_band
from matchmaking.models import Match, MatchPair, MatchRun
from tests.factories import CompanyFactory, CompanyMemberFactory, MembershipFactory, UserFactory
from tests.matchmaking.runs_support import member, small_bridge, uk
from tests.support.admin import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _runs_directory(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path / "match-runs"


def _run(capture) -> None:
    with capture(execute=True):
        services.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP)
    assert MatchRun.objects.order_by("-pk").first().status == RunStatus.SUCCEEDED


@pytest.fixture
def matched(django_capture_on_commit_callbacks):
    """Two Ruhr and two UK companies with a finished partnership run."""
    companies = small_bridge(2)
    _run(django_capture_on_commit_callbacks)
    return companies


def _url(company, name="matches:list", language="en", **extra) -> str:
    with translation.override(language):
        return reverse(name, args=[company.pk, "united-kingdom", *extra.values()])


def _signed_in(client, company):
    client.force_login(CompanyMemberFactory(company=company).user)
    return client


def _partners(company) -> list[str]:
    return list(
        Match.objects.filter(company=company, kind=MatchKind.PARTNERSHIP)
        .order_by("rank")
        .values_list("partner_company__name", flat=True)
    )


def test_it_shows_the_ranked_partners_with_their_country_and_band(matched, client):
    ruhr = matched[0]
    partners = _partners(ruhr)
    assert partners

    response = _signed_in(client, ruhr).get(_url(ruhr))

    page = response.content.decode()
    assert response.status_code == 200
    positions = [page.index(name) for name in partners]
    assert positions == sorted(positions)
    assert "United Kingdom" in page
    first = Match.objects.filter(company=ruhr).order_by("rank").first()
    with translation.override("en"):
        assert str(score_band(first.score).label) in page


def test_it_explains_the_match_from_the_viewers_side_in_german(matched, client):
    ruhr = matched[0]

    page = _signed_in(client, ruhr).get(_url(ruhr, language="de")).content.decode()

    assert "Sie suchen" in page
    assert "You are looking for" not in page


def test_it_explains_the_match_from_the_viewers_side_in_english(matched, client):
    uk_company = matched[1]

    page = _signed_in(client, uk_company).get(_url(uk_company)).content.decode()

    assert "You are looking for" in page
    assert "Sie suchen" not in page


@pytest.mark.parametrize("outsider", ["other company", "staff-less stranger"])
def test_it_is_a_404_for_anyone_outside_the_company(matched, client, outsider):
    ruhr = matched[0]
    user = (
        CompanyMemberFactory(company=matched[2]).user
        if outsider == "other company"
        else UserFactory()
    )
    client.force_login(user)

    assert client.get(_url(ruhr)).status_code == 404
    assert client.get(_url(ruhr, "matches:hidden")).status_code == 404


def test_not_interested_hides_the_card_and_it_stays_hidden_after_a_rerun(
    matched, client, django_capture_on_commit_callbacks
):
    ruhr = matched[0]
    partner = Match.objects.filter(company=ruhr).order_by("rank").first().partner_company
    _signed_in(client, ruhr)

    response = client.post(
        _url(ruhr, "matches:pair_decide", partner=partner.pk), {"state": "not-interested"}
    )
    _run(django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert f'id="match-{partner.pk}"' not in client.get(_url(ruhr)).content.decode()
    assert not Match.objects.filter(company=ruhr, partner_company=partner).exists()
    assert partner.name in client.get(_url(ruhr, "matches:hidden")).content.decode()


def test_show_again_brings_the_partner_back_after_rescoring(
    matched, client, django_capture_on_commit_callbacks
):
    ruhr = matched[0]
    partner = Match.objects.filter(company=ruhr).order_by("rank").first().partner_company
    _signed_in(client, ruhr)
    client.post(_url(ruhr, "matches:pair_decide", partner=partner.pk), {"state": "not-interested"})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(ruhr, "matches:pair_clear", partner=partner.pk))

    assert not MatchPair.objects.filter(company=ruhr, partner=partner).exists()
    assert f'id="match-{partner.pk}"' in client.get(_url(ruhr)).content.decode()
    assert partner.name not in client.get(_url(ruhr, "matches:hidden")).content.decode()


def test_interested_is_recorded_and_shown_on_the_card(matched, client):
    ruhr = matched[0]
    partner = Match.objects.filter(company=ruhr).first().partner_company
    _signed_in(client, ruhr)

    client.post(_url(ruhr, "matches:pair_decide", partner=partner.pk), {"state": "interested"})

    assert MatchPair.objects.get(company=ruhr, partner=partner).state == PairState.INTERESTED
    assert "You are interested" in client.get(_url(ruhr)).content.decode()


def test_a_company_outside_the_list_cannot_be_decided_about(matched, client):
    ruhr = matched[0]
    stranger = CompanyFactory()
    _signed_in(client, ruhr)

    response = client.post(
        _url(ruhr, "matches:pair_decide", partner=stranger.pk), {"state": "not-interested"}
    )

    assert response.status_code == 404
    assert not MatchPair.objects.exists()


def test_an_unknown_decision_changes_nothing_and_says_why(matched, client):
    ruhr = matched[0]
    partner = Match.objects.filter(company=ruhr).first().partner_company
    _signed_in(client, ruhr)

    response = client.post(
        _url(ruhr, "matches:pair_decide", partner=partner.pk),
        {"state": "intro-accepted"},
        follow=True,
    )

    assert "Please choose" in response.content.decode()
    assert not MatchPair.objects.exists()


def test_it_explains_when_the_company_is_not_yet_approved(client):
    company = CompanyFactory(ruhr=True)
    MembershipFactory(company=company, bridge=uk(), status=MembershipStatus.APPLIED)

    page = _signed_in(client, company).get(_url(company)).content.decode()

    assert "not yet approved" in page


def test_it_explains_a_thin_profile_and_links_to_it(client):
    company = member(ruhr=True, offers=(), seeks=())

    page = _signed_in(client, company).get(_url(company)).content.decode()

    assert "does not yet say what your company offers" in page
    assert reverse("self_service:profile_step", args=[company.pk, "capabilities"]) in page


def test_it_explains_when_the_company_is_not_open_to_matching(client):
    company = member(ruhr=True, offers=(), seeks=(), open_to_matching=False)
    company.offers.set(company.seeks.model.objects.all()[:1])

    page = _signed_in(client, company).get(_url(company)).content.decode()

    assert "not open to matching" in page


def test_it_says_matching_is_running_while_a_run_is_active(matched, client):
    company = member(ruhr=True, offers=(), seeks=())
    company.offers.set(company.seeks.model.objects.all()[:1])
    MatchRun.objects.create(bridge=uk(), kind=MatchKind.PARTNERSHIP, trigger="staff")

    page = _signed_in(client, company).get(_url(company)).content.decode()

    assert "Matching for this bridge is running" in page


def test_it_says_no_matches_yet_when_none_were_found(client):
    company = member(ruhr=True, offers=(), seeks=())
    company.offers.set(company.seeks.model.objects.all()[:1])

    page = _signed_in(client, company).get(_url(company)).content.decode()

    assert "No matches yet" in page


def test_the_bridges_page_links_to_the_matches_of_an_approved_bridge(matched, client):
    ruhr = matched[0]

    page = (
        _signed_in(client, ruhr)
        .get(reverse("self_service:bridges", args=[ruhr.pk]))
        .content.decode()
    )

    assert _url(ruhr) in page


def test_the_score_bands_have_one_set_of_thresholds():
    assert [score_band(score) for score in (0.9, 0.6, 0.5, 0.4, 0.3)] == [
        ScoreBand.STRONG,
        ScoreBand.STRONG,
        ScoreBand.GOOD,
        ScoreBand.GOOD,
        ScoreBand.POSSIBLE,
    ]


def test_the_list_does_a_constant_number_of_queries(client):
    owner = member(ruhr=True, offers=(), seeks=())
    owner.offers.set(owner.seeks.model.objects.all()[:1])
    _signed_in(client, owner)
    rank = iter(range(1, 10))

    def make_row():
        partner = member(ruhr=False)
        Match.objects.create(
            bridge=uk(),
            kind=MatchKind.PARTNERSHIP,
            company=owner,
            partner_company=partner,
            rank=next(rank),
            score=0.5,
            reasons=[{"code": "same_sector", "sectors": ["cybersecurity"]}],
            scored_at=timezone.now(),
        )

    assert_constant_queries(client, _url(owner), make_row)


def test_filters_narrow_the_list_by_the_partners_sector_country_and_partnership_type(
    matched, client
):
    from bridges.models import Sector

    ruhr = matched[0]
    partners = _partners(ruhr)
    assert partners
    _signed_in(client, ruhr)

    by_sector = client.get(_url(ruhr) + "?sector=cybersecurity")
    other_sector = client.get(_url(ruhr) + "?sector=hydrogen")
    by_country = client.get(_url(ruhr) + "?country=GB")
    by_type = client.get(_url(ruhr) + "?partnership_type=research-development")

    assert Sector.objects.get(slug="cybersecurity").companies.filter(name=partners[0]).exists()
    assert [card.partner.name for card in by_sector.context["cards"]] == partners
    assert other_sector.context["cards"] == []
    assert "No match fits these filters." in other_sector.text
    assert [card.partner.name for card in by_country.context["cards"]] == partners
    assert by_type.context["cards"] == []
