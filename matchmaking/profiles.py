"""The engine's run snapshot of one bridge, read from the database in a fixed number of queries.

Every company with a membership of the bridge is in it (its status decides whether it takes
part); its side is the Ruhr for German companies and the partner side otherwise. Many-to-many
fields are read through their through tables, one query each, never per company.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from bridges.enums import OfferStatus
from bridges.models import Bridge, Capability, PartnershipType, Sector, SettlementOffer
from companies.enums import MembershipStatus, Visibility
from companies.models import RUHR_COUNTRY, BridgeMembership, Company, CompanyMember
from core.reference_cache import cached
from matchmaking.engine import Profile, Snapshot, Vocabulary, build_snapshot
from matchmaking.engine import SettlementOffer as OfferRecord


def vocabulary_load() -> Vocabulary:
    """Read now: what a run scores with."""
    return Vocabulary.build(
        sectors=Sector.objects.order_by("slug").values_list("slug", "name_de", "name_en"),
        capabilities=Capability.objects.order_by("sector__slug", "slug").values_list(
            "slug", "name_de", "name_en", "sector__slug"
        ),
        partnership_types=PartnershipType.objects.order_by("position", "slug").values_list(
            "slug", "name_de", "name_en"
        ),
    )


def vocabulary_cached() -> Vocabulary:
    """What pages word reasons with: the same, kept between requests until staff change it."""
    return cached("vocabulary", (), vocabulary_load)


def _slugs_by_company(through, field: str, bridge: Bridge) -> dict[int, list[str]]:
    rows = through.objects.filter(company__bridge_memberships__bridge=bridge).values_list(
        "company_id", f"{field}__slug"
    )
    grouped: dict[int, list[str]] = defaultdict(list)
    for company_id, slug in rows:
        grouped[company_id].append(slug)
    return grouped


def _settlement_offers() -> list[OfferRecord]:
    sectors: dict[int, list[str]] = defaultdict(list)
    through = SettlementOffer.sectors.through
    for offer_id, slug in through.objects.values_list("settlementoffer_id", "sector__slug"):
        sectors[offer_id].append(slug)
    return [
        OfferRecord(
            id=pk,
            municipality=municipality,
            kind=kind,
            sectors=tuple(sorted(sectors[pk])),
            area_m2=area,
            available_from=available,
        )
        for pk, municipality, kind, area, available in SettlementOffer.objects.filter(
            status=OfferStatus.OPEN
        ).values_list("pk", "municipality__name", "kind", "area_m2", "available_from")
    ]


def bridge_snapshot(
    *,
    bridge: Bridge,
    excluded_pairs: Iterable[tuple[int, int]] = (),
    reference_date: datetime.date | None = None,
) -> Snapshot:
    """All companies of ``bridge`` as the engine's snapshot.

    ``excluded_pairs`` (company id, company id): "not interested" marks and declined
    introductions, which live with the match records of the Match runs issue.
    """
    status = dict(
        BridgeMembership.objects.filter(bridge=bridge).values_list("company_id", "status")
    )
    sectors = _slugs_by_company(Company.sectors.through, "sector", bridge)
    offers = _slugs_by_company(Company.offers.through, "capability", bridge)
    seeks = _slugs_by_company(Company.seeks.through, "capability", bridge)
    types = _slugs_by_company(Company.partnership_types.through, "partnershiptype", bridge)
    companies = Company.objects.filter(bridge_memberships__bridge=bridge).values_list(
        "pk",
        "country",
        "size",
        "description_de",
        "description_en",
        "visibility",
        "open_to_matching",
        "settlement_needs",
        "settlement_timeline",
        "settlement_headcount",
    )
    profiles = [
        Profile(
            id=pk,
            side="ruhr" if country == RUHR_COUNTRY else "partner",
            sectors=tuple(sectors[pk]),
            offers=tuple(offers[pk]),
            seeks=tuple(seeks[pk]),
            partnership_types=tuple(types[pk]),
            size=size,
            description_de=description_de,
            description_en=description_en,
            approved=status[pk] == MembershipStatus.APPROVED,
            visible=visibility != Visibility.HIDDEN,
            open_to_matching=open_to_matching,
            settlement_needs=tuple(needs or ()),
            settlement_timeline=timeline,
            settlement_headcount=headcount,
        )
        for (
            pk,
            country,
            size,
            description_de,
            description_en,
            visibility,
            open_to_matching,
            needs,
            timeline,
            headcount,
        ) in companies.iterator(chunk_size=5000)
    ]
    member_links = CompanyMember.objects.filter(
        company__bridge_memberships__bridge=bridge
    ).values_list("company_id", "user_id")
    return build_snapshot(
        vocabulary=vocabulary_load(),
        profiles=profiles,
        excluded_pairs=excluded_pairs,
        member_links=member_links,
        settlement_offers=_settlement_offers(),
        reference_date=reference_date,
    )
