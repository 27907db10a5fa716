"""Reads for company self-service, each with its joins done here, once."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bridges.enums import BridgeStatus
from bridges.models import Bridge
from companies.enums import JoinRequestKind, JoinRequestStatus, Visibility
from companies.models import (
    BridgeMembership,
    Company,
    CompanyContact,
    CompanyInvite,
    CompanyMember,
    JoinRequest,
)
from companies.self_service.services import verified_addresses
from companies.sides import bridge_country_codes

SEARCH_LIMIT = 20


def memberships_for(*, user) -> list[CompanyMember]:
    """The user's companies with their bridge memberships and waiting join requests."""
    return list(
        CompanyMember.objects.filter(user=user)
        .select_related("company")
        .prefetch_related(
            Prefetch(
                "company__bridge_memberships",
                queryset=BridgeMembership.objects.select_related("bridge").order_by("bridge__slug"),
            )
        )
        .annotate(
            pending_requests=Count(
                "company__join_requests",
                filter=Q(
                    company__join_requests__status=JoinRequestStatus.PENDING,
                    company__join_requests__kind=JoinRequestKind.JOIN,
                ),
            )
        )
        .order_by("company__name")
    )


def join_requests_open_for(*, user) -> QuerySet[JoinRequest]:
    return JoinRequest.objects.filter(user=user, status=JoinRequestStatus.PENDING).select_related(
        "company"
    )


def invites_open_for(*, user) -> QuerySet[CompanyInvite]:
    return CompanyInvite.objects.filter(
        email__in=verified_addresses(user),
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("company")


def _host(website: str) -> str:
    host = urlsplit(website).hostname or ""
    return host.removeprefix("www.")


def _domain_matches(domain: str, website: str) -> bool:
    host = _host(website)
    return bool(host) and (domain == host or domain.endswith("." + host))


def companies_to_join(*, user, query: str = "") -> list[Company]:
    """Companies found by name, plus those whose website matches the user's e-mail domain."""
    domains = {address.rpartition("@")[2] for address in verified_addresses(user)}
    conditions = Q()
    query = query.strip()
    if len(query) >= 2:
        conditions |= Q(name__icontains=query)
    for domain in domains:
        # Narrow in the database; the exact host comparison follows in Python.
        conditions |= Q(website__icontains=domain.split(".")[-2] if "." in domain else domain)
    if not conditions:
        return []
    candidates = (
        Company.objects.filter(conditions)
        .exclude(members__user=user)
        .annotate(
            has_members=Exists(CompanyMember.objects.filter(company=OuterRef("pk"))),
            asked=Exists(
                JoinRequest.objects.filter(
                    company=OuterRef("pk"), user=user, status=JoinRequestStatus.PENDING
                )
            ),
        )
        .order_by("name")[: SEARCH_LIMIT * 3]
    )
    found = []
    for company in candidates:
        company.domain_match = any(_domain_matches(d, company.website) for d in domains)
        # A hidden company is found only by people of its own e-mail domain, never by name.
        named = (
            len(query) >= 2
            and query.lower() in company.name.lower()
            and company.visibility != Visibility.HIDDEN
        )
        if named or company.domain_match:
            found.append(company)
    found.sort(key=lambda company: (not company.domain_match, company.name.lower()))
    return found[:SEARCH_LIMIT]


def company_to_join(*, user, company_id: int) -> Company | None:
    """The company a person may ask to join or claim: one they could have found by search."""
    company = Company.objects.filter(pk=company_id).first()
    if company is None or company.visibility != Visibility.HIDDEN:
        return company
    domains = {address.rpartition("@")[2] for address in verified_addresses(user)}
    if any(_domain_matches(domain, company.website) for domain in domains):
        return company
    return None


def team_for(*, company: Company) -> dict:
    return {
        "members": list(
            CompanyMember.objects.filter(company=company)
            .select_related("user")
            .order_by("joined_at", "pk")
        ),
        "invites": list(
            CompanyInvite.objects.filter(
                company=company,
                accepted_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=timezone.now(),
            ).order_by("-created_at")
        ),
        "join_requests": list(
            JoinRequest.objects.filter(
                company=company, status=JoinRequestStatus.PENDING, kind=JoinRequestKind.JOIN
            )
            .select_related("user")
            .order_by("created_at")
        ),
    }


def bridges_for(*, company: Company) -> list[dict]:
    """The bridges the company may apply to, and those it has a membership of."""
    memberships = {
        membership.bridge_id: membership
        for membership in BridgeMembership.objects.filter(company=company)
    }
    bridges = Bridge.objects.filter(
        Q(status=BridgeStatus.ACTIVE) | Q(pk__in=memberships.keys())
    ).order_by("slug")
    return [
        {"bridge": bridge, "membership": memberships.get(bridge.pk)}
        for bridge in bridges
        if company.is_ruhr
        or bridge.pk in memberships
        or company.country.code in bridge_country_codes(bridge)
    ]


_LINKED = ("sectors", "offers", "seeks", "partnership_types")


@dataclass(frozen=True)
class Gap:
    step: str
    text: str


def profile_gaps(*, company: Company) -> tuple[list[Gap], int]:
    """What is missing that makes matching weaker, and how complete the profile is (0 to 100)."""
    through = {name: getattr(Company, name).through for name in _LINKED}
    counts = (
        Company.objects.filter(pk=company.pk)
        .annotate(
            **{
                f"has_{name}": Exists(model.objects.filter(company_id=OuterRef("pk")))
                for name, model in through.items()
            },
            has_settlement=Exists(
                through["partnership_types"].objects.filter(
                    company_id=OuterRef("pk"), partnershiptype__slug="settlement"
                )
            ),
            has_contacts=Exists(
                CompanyContact.objects.filter(company_id=OuterRef("pk"), objected_at__isnull=True)
            ),
        )
        .values(*(f"has_{name}" for name in (*_LINKED, "settlement", "contacts")))
        .get()
    )
    checks = [
        (
            bool(company.description_en or company.description_de),
            Gap("basics", _("a description: matching compares what companies write")),
        ),
        (bool(company.size), Gap("basics", _("the size: partners of a fitting size rank higher"))),
        (counts["has_sectors"], Gap("sectors", _("your sectors"))),
        (counts["has_offers"], Gap("capabilities", _("what you offer"))),
        (counts["has_seeks"], Gap("capabilities", _("what you seek"))),
        (counts["has_partnership_types"], Gap("partnerships", _("the partnerships you seek"))),
        (counts["has_contacts"], Gap("contacts", _("a contact person for introductions"))),
    ]
    if not company.is_ruhr and counts["has_settlement"]:
        checks.append(
            (
                bool(company.settlement_timeline),
                Gap("settlement", _("your settlement timeline and needs")),
            )
        )
    if not company.open_to_matching:
        checks.append(
            (False, Gap("visibility", _("matching is switched off: you get no suggestions")))
        )
    gaps = [gap for done, gap in checks if not done]
    percent = round(100 * (len(checks) - len(gaps)) / len(checks))
    return gaps, percent
