"""Small bridges with known partners for the match run tests."""

from django.utils import timezone

from bridges.models import Bridge, Capability, PartnershipType, Sector
from companies.enums import MembershipStatus
from tests.factories import CompanyFactory, MembershipFactory


def uk() -> Bridge:
    return Bridge.objects.get(slug="united-kingdom")


def member(
    *, ruhr: bool, offers=(), seeks=(), sector="cybersecurity", types=("supplier",), **fields
):
    """An approved member of the UK bridge with a profile the engine can match."""
    company = CompanyFactory(ruhr=True, **fields) if ruhr else CompanyFactory(**fields)
    company.sectors.set(Sector.objects.filter(slug=sector))
    company.offers.set(Capability.objects.filter(slug__in=offers))
    company.seeks.set(Capability.objects.filter(slug__in=seeks))
    company.partnership_types.set(PartnershipType.objects.filter(slug__in=types))
    MembershipFactory(
        company=company, bridge=uk(), status=MembershipStatus.APPROVED, decided_at=timezone.now()
    )
    return company


def cyber_capabilities() -> list[str]:
    return list(
        Capability.objects.filter(sector__slug="cybersecurity")
        .order_by("slug")
        .values_list("slug", flat=True)
    )


def small_bridge(pairs: int = 3) -> list:
    """``pairs`` Ruhr and ``pairs`` UK companies whose offers meet each other's needs."""
    caps = cyber_capabilities()
    companies = []
    for i in range(pairs):
        a, b = caps[(2 * i) % len(caps)], caps[(2 * i + 1) % len(caps)]
        companies.append(member(ruhr=True, offers=[a], seeks=[b], types=("supplier",)))
        companies.append(member(ruhr=False, offers=[b], seeks=[a], types=("distribution",)))
    return companies
