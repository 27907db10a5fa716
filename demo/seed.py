"""Load the demo data: idempotent, keyed by natural keys, so a second run changes nothing."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from bridges.models import (
    Bridge,
    BridgePartner,
    Capability,
    Municipality,
    PartnerOrganisation,
    PartnershipType,
    Sector,
    SettlementOffer,
    TwinningProject,
)
from bridges.places import RuhrPlaces
from companies.enums import ContactSource, MemberRole, MembershipStatus, Origin
from companies.models import BridgeMembership, Company, CompanyContact, CompanyMember, email_digest
from demo.companies_data import COMPANIES
from demo.domain_data import BRIDGES, PARTNER_ORGANISATIONS, SETTLEMENT_OFFERS, TWINNINGS
from demo.events_data import events_demo_ensure


@dataclass(frozen=True)
class DemoCounts:
    companies: int
    memberships: int
    twinnings: int
    offers: int
    partner_organisations: int


def _bridges_describe() -> None:
    for slug, texts in BRIDGES.items():
        Bridge.objects.filter(slug=slug).update(status="active", **texts)


def _partner_organisations_ensure() -> None:
    for name, kind, country, website, roles in PARTNER_ORGANISATIONS:
        organisation, _ = PartnerOrganisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "country": country, "website": website}
        )
        for bridge_slug, role in roles:
            BridgePartner.objects.update_or_create(
                bridge=Bridge.objects.get(slug=bridge_slug),
                organisation=organisation,
                defaults={"role": role},
            )


def _twinnings_ensure() -> None:
    for town, partner, country, since, bridge_slug, kind in TWINNINGS:
        TwinningProject.objects.update_or_create(
            municipality=Municipality.objects.get(name=town),
            bridge=Bridge.objects.get(slug=bridge_slug),
            partner_town=partner,
            kind=kind,
            defaults={"partner_country": country, "since_year": since, "status": "active"},
        )


def _settlement_offers_ensure(today: datetime.date) -> None:
    for offer in SETTLEMENT_OFFERS:
        available = today + datetime.timedelta(days=30 * offer["available_in_months"])
        saved, _ = SettlementOffer.objects.update_or_create(
            municipality=Municipality.objects.get(name=offer["municipality"]),
            title_en=offer["title_en"],
            defaults={
                "title_de": offer["title_de"],
                "kind": offer["kind"],
                "area_m2": offer["area_m2"],
                "available_from": available.replace(day=1),
                "description_en": offer["description_en"],
                "description_de": offer["description_de"],
            },
        )
        saved.sectors.set(Sector.objects.filter(slug__in=offer["sectors"]))


def _companies_ensure(owner: User | None) -> None:
    places = RuhrPlaces.load()
    bridges = {bridge.slug: bridge for bridge in Bridge.objects.all()}
    capabilities = dict(Capability.objects.values_list("slug", "pk"))
    for entry in COMPANIES:
        settlement = entry["settlement"] or {}
        company, _ = Company.objects.update_or_create(
            name=entry["name"],
            country=entry["country"],
            defaults={
                "city": entry["city"],
                "postcode": entry["postcode"],
                "home_municipality": places.resolve(entry["city"])
                if entry["country"] == "DE"
                else None,
                "website": entry["website"],
                "founded": entry["founded"],
                "size": entry["size"],
                "description_de": entry["description_de"],
                "description_en": entry["description_en"],
                "visibility": entry["visibility"],
                "settlement_timeline": settlement.get("timeline", ""),
                "settlement_headcount": settlement.get("headcount"),
                "settlement_needs": settlement.get("needs", []),
                "settlement_contact_allowed": settlement.get("contact_allowed", False),
                "origin": Origin.DEMO,
            },
        )
        company.sectors.set(Sector.objects.filter(slug__in=entry["sectors"]))
        company.offers.set([capabilities[slug] for slug in entry["offers"]])
        company.seeks.set([capabilities[slug] for slug in entry["seeks"]])
        company.partnership_types.set(
            PartnershipType.objects.filter(slug__in=entry["partnership_types"])
        )
        contact = entry["contact"]
        CompanyContact.objects.update_or_create(
            company=company,
            email_digest=email_digest(contact["email"]),
            defaults={
                "name": contact["name"],
                "role": contact["role"],
                "email": contact["email"],
                "phone": contact["phone"],
                "source": ContactSource.SELF,
            },
        )
        for slug in entry["bridges"]:
            BridgeMembership.objects.get_or_create(
                company=company,
                bridge=bridges[slug],
                defaults={
                    "status": MembershipStatus.APPROVED,
                    "decided_at": timezone.now(),
                    "reason": "Demo data.",
                },
            )
        if entry["demo_owner"] and owner is not None:
            CompanyMember.objects.get_or_create(
                company=company, user=owner, defaults={"role": MemberRole.OWNER}
            )


@transaction.atomic
def demo_domain_ensure(*, company_owner: User | None = None) -> DemoCounts:
    _bridges_describe()
    _partner_organisations_ensure()
    _twinnings_ensure()
    _settlement_offers_ensure(timezone.localdate())
    _companies_ensure(company_owner)
    events_demo_ensure(company_user=company_owner)
    return DemoCounts(
        companies=Company.objects.filter(origin=Origin.DEMO).count(),
        memberships=BridgeMembership.objects.filter(company__origin=Origin.DEMO).count(),
        twinnings=TwinningProject.objects.count(),
        offers=SettlementOffer.objects.count(),
        partner_organisations=PartnerOrganisation.objects.count(),
    )
