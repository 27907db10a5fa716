import pytest
from django.utils import timezone

from bridges.models import Bridge
from companies.models import BridgeMembership, CompanyMember
from tests.factories import CompanyFactory, UserFactory


def company_person(*, bridge_slug: str = "united-kingdom", language: str = "en"):
    """A verified person whose company is an approved member of the bridge."""
    company = CompanyFactory()
    BridgeMembership.objects.create(
        company=company,
        bridge=Bridge.objects.get(slug=bridge_slug),
        status="approved",
        decided_at=timezone.now(),
    )
    person = UserFactory(preferred_language=language)
    CompanyMember.objects.create(company=company, user=person, role="owner")
    return person, company


@pytest.fixture
def person():
    return company_person()
