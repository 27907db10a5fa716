import pytest
from django.utils import timezone

from bridges.models import Bridge, BridgePartner, Municipality, PartnerOrganisation, TwinningProject
from tests.factories import CompanyFactory, MembershipFactory
from tests.support.admin import assert_constant_queries

pytestmark = pytest.mark.django_db


def _approved(bridge_slug="united-kingdom", **fields):
    company = CompanyFactory(**fields)
    MembershipFactory(
        company=company,
        bridge=Bridge.objects.get(slug=bridge_slug),
        status="approved",
        decided_at=timezone.now(),
    )
    return company


def test_the_home_page_counts_each_bridges_companies_municipalities_and_twinnings(client):
    uk = Bridge.objects.get(slug="united-kingdom")
    _approved(visibility="public")
    _approved(visibility="hidden")
    for town, partner in (("Essen", "Sunderland"), ("Essen", "Leeds"), ("Hamm", "Bradford")):
        TwinningProject.objects.create(
            municipality=Municipality.objects.get(name=town),
            bridge=uk,
            partner_town=partner,
            partner_country="GB",
        )

    bridges = {bridge.slug: bridge for bridge in client.get("/en/").context["bridges"]}

    assert (
        bridges["united-kingdom"].company_count,
        bridges["united-kingdom"].municipality_count,
        bridges["united-kingdom"].twinning_count,
    ) == (2, 2, 3)
    assert bridges["israel"].company_count == 0
    assert "3 twinning projects" in client.get("/en/").text


def test_a_bridge_page_shows_partners_twinnings_and_the_members_this_viewer_may_see(client):
    uk = Bridge.objects.get(slug="united-kingdom")
    BridgePartner.objects.create(
        bridge=uk,
        organisation=PartnerOrganisation.objects.create(
            name="Greater Manchester Combined Authority", kind="government", country="GB"
        ),
        role="Co-founder",
    )
    TwinningProject.objects.create(
        municipality=Municipality.objects.get(name="Essen"),
        bridge=uk,
        partner_town="Sunderland",
        partner_country="GB",
        since_year=1949,
    )
    _approved(name="Open Ltd", visibility="public")
    _approved(name="Quiet Ltd", visibility="members-only")

    page = client.get("/en/bridges/united-kingdom/").text

    assert "Greater Manchester Combined Authority" in page
    assert "Sunderland" in page
    assert "Open Ltd" in page
    assert "Quiet Ltd" not in page


def test_a_bridge_page_lists_the_bridges_coming_events(client):
    from tests.factories import EventFactory

    EventFactory(title_en="Greater Manchester–Germany Innovation Summit")

    page = client.get("/en/bridges/united-kingdom/").text

    assert "Greater Manchester–Germany Innovation Summit" in page
    assert (
        "Greater Manchester–Germany Innovation Summit" not in client.get("/en/bridges/israel/").text
    )


def test_a_draft_bridge_is_a_404_for_visitors(client):
    Bridge.objects.filter(slug="israel").update(status="draft")

    assert client.get("/en/bridges/israel/").status_code == 404
    assert client.get("/en/bridges/atlantis/").status_code == 404


def test_the_bridge_page_and_the_home_page_do_a_constant_number_of_queries(client):
    assert_constant_queries(
        client, "/en/bridges/united-kingdom/", lambda: _approved(visibility="public")
    )
    assert_constant_queries(client, "/en/", lambda: _approved(visibility="public"))
