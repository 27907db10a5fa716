"""The "my companies" dashboard: the user's companies, their bridges, what to do next."""

import pytest
from django.urls import reverse
from django.utils import translation

from bridges.models import Bridge, Municipality
from companies.self_service import services
from tests.factories import CompanyFactory, CompanyMemberFactory, MembershipFactory, UserFactory
from tests.support.admin import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_dashboard_lives_at_my_and_needs_a_signed_in_user(client):
    assert reverse("self_service:dashboard") == "/en/my/"
    response = client.get("/en/my/")
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_someone_without_a_company_is_offered_to_create_or_join_one(client, user):
    client.force_login(user)

    content = client.get(reverse("self_service:dashboard")).content.decode()

    assert "You do not belong to a company yet." in content
    assert reverse("self_service:start") in content


def test_the_dashboard_lists_companies_bridge_statuses_and_next_steps(client):
    membership = CompanyMemberFactory(company__name="Pennine Electrolysis Ltd")
    MembershipFactory(company=membership.company, bridge=Bridge.objects.get(slug="united-kingdom"))
    services.join_request_create(actor=UserFactory(), company_id=membership.company.pk)
    client.force_login(membership.user)

    content = client.get(reverse("self_service:dashboard")).content.decode()

    assert "Pennine Electrolysis Ltd" in content
    assert '<span class="status status-applied">applied</span>' in content
    assert "Decide 1 request to join" in content
    assert "Add what you offer" in content


def test_the_dashboard_shows_only_ones_own_companies(client, user):
    CompanyMemberFactory(company__name="Someone Else Ltd")
    client.force_login(user)

    assert "Someone Else Ltd" not in client.get(reverse("self_service:dashboard")).content.decode()


def test_a_waiting_claim_is_shown(client, user):
    company = CompanyFactory(name="Imported Ltd", origin="import")
    services.join_request_create(actor=user, company_id=company.pk)
    client.force_login(user)

    content = client.get(reverse("self_service:dashboard")).content.decode()

    assert "Your request for Imported Ltd" in content


def test_the_menu_links_to_the_dashboard(client, user):
    client.force_login(user)

    content = client.get(reverse("self_service:start")).content.decode()

    assert f'<a href="{reverse("self_service:dashboard")}">My companies</a>' in content


def test_the_dashboard_queries_grow_only_with_the_companies_not_their_bridges(client, user):
    company = CompanyMemberFactory(user=user).company
    bridges = iter(Bridge.objects.order_by("slug"))
    client.force_login(user)

    assert_constant_queries(
        client,
        reverse("self_service:dashboard"),
        lambda: MembershipFactory(company=company, bridge=next(bridges)),
    )


def _officer_of(municipality_slug: str, user):
    municipality = Municipality.objects.get(slug=municipality_slug)
    municipality.users.add(user)
    return municipality


def test_a_municipality_officer_without_a_company_gets_a_municipality_dashboard(client, user):
    municipality = _officer_of("dortmund", user)
    client.force_login(user)

    content = client.get(reverse("self_service:dashboard")).content.decode()

    assert "<h1>My municipalities</h1>" in content
    assert "My companies</h1>" not in content
    assert municipality.name in content
    assert reverse("settlement:municipality", args=[municipality.slug]) in content
    assert "You do not belong to a company yet." not in content


def test_someone_with_a_company_and_a_municipality_sees_both_in_the_heading(client):
    membership = CompanyMemberFactory(company__name="Emscher Wasserstoff GmbH")
    _officer_of("dortmund", membership.user)
    client.force_login(membership.user)

    content = client.get(reverse("self_service:dashboard")).content.decode()

    assert "<h1>My companies and municipalities</h1>" in content
    assert "Emscher Wasserstoff GmbH" in content
