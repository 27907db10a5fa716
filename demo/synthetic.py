"""Synthetic companies for benchmarks: exactly N on each side of a bridge, deterministic.

Company i of a side always gets the same profile (its random generator is seeded with
bridge, side and i), whatever N is, so `--synthetic 500` twice, or after 1000, gives the
same 500. Profiles use the real vocabulary: one or two sectors (mostly the bridge's focus
sectors), two to five capabilities offered and one to four sought, mostly within those
sectors. Synthetic companies are approved members of the bridge and have no logins; their
register number `SYN-<bridge>-<side>-<i>` is their key.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from bridges.enums import MunicipalityKind
from bridges.models import Bridge, Capability, Municipality, PartnershipType, Sector
from companies.enums import CompanySize, MembershipStatus, Origin, Visibility
from companies.models import BridgeMembership, Company

SIDES = ("ruhr", "partner")
BATCH = 2000
PREFIXES = (
    "Nord",
    "Rhein",
    "Emscher",
    "Lippe",
    "Hellweg",
    "Zeche",
    "Kohle",
    "Stahl",
    "Haldenblick",
    "Grubenlicht",
    "Kanal",
    "Förderturm",
    "Schacht",
    "Revier",
    "Glückauf",
)
PARTNER_PREFIXES = (
    "Northern",
    "Pennine",
    "Harbour",
    "Meridian",
    "Crescent",
    "Summit",
    "Beacon",
    "Riverside",
    "Granite",
    "Lighthouse",
    "Cedar",
    "Atlas",
    "Horizon",
    "Keystone",
)
WORDS = {
    "hydrogen": ("Hydrogen", "Elektrolyse", "H2 Systems", "Fuel Cells", "Gas Networks"),
    "cybersecurity": ("Cyber Defence", "SecOps", "Identity", "Secure Systems", "Threat Labs"),
    "digital-health": ("Health Tech", "MedData", "Telecare", "Clinical AI", "Care Systems"),
    "e-mobility": ("E-Mobility", "Charging", "Battery Tech", "Fleet Power", "Drive Systems"),
}
LEGAL_FORMS = {"DE": "GmbH", "GB": "Ltd", "NL": "B.V.", "IL": "Ltd.", "US": "Inc.", "CA": "Inc."}


@dataclass(frozen=True)
class SyntheticCounts:
    ruhr: int
    partner: int
    created: int
    deleted: int


class _Vocabulary:
    def __init__(self, bridge: Bridge) -> None:
        self.sectors = list(Sector.objects.order_by("slug"))
        focus = set(bridge.focus_sectors.values_list("pk", flat=True))
        self.sector_weights = [3 if sector.pk in focus else 1 for sector in self.sectors]
        self.capabilities: dict[int, list[int]] = {}
        for pk, sector_id in Capability.objects.order_by("slug").values_list("pk", "sector_id"):
            self.capabilities.setdefault(sector_id, []).append(pk)
        self.partnership_types = list(
            PartnershipType.objects.exclude(slug="settlement")
            .order_by("slug")
            .values_list("pk", flat=True)
        )
        self.towns = list(
            Municipality.objects.exclude(kind=MunicipalityKind.DISTRICT).order_by("name")
        )
        self.partner_countries = sorted(country.code for country in bridge.countries)


def _key(bridge: Bridge, side: str, index: int) -> str:
    return f"SYN-{bridge.slug}-{side}-{index:06d}"


def _profile(bridge: Bridge, side: str, index: int, vocabulary: _Vocabulary):
    rng = random.Random(_key(bridge, side, index))
    sectors = rng.choices(
        vocabulary.sectors, weights=vocabulary.sector_weights, k=1 if rng.random() < 0.7 else 2
    )
    sectors = list(dict.fromkeys(sectors))
    pool = [pk for sector in sectors for pk in vocabulary.capabilities[sector.pk]]
    offers = rng.sample(pool, k=min(len(pool), rng.randint(2, 5)))
    seekable = [pk for pk in pool if pk not in offers]
    seeks = rng.sample(seekable, k=min(len(seekable), rng.randint(1, 4)))
    types = rng.sample(vocabulary.partnership_types, k=rng.randint(1, 3))
    if side == "ruhr":
        town = rng.choice(vocabulary.towns)
        country, city, municipality, prefix = "DE", town.name, town, rng.choice(PREFIXES)
    else:
        country = rng.choice(vocabulary.partner_countries)
        city, municipality, prefix = "", None, rng.choice(PARTNER_PREFIXES)
    word = rng.choice(WORDS.get(sectors[0].slug, ("Technologies",)))
    company = Company(
        name=f"{prefix} {word} {index:06d} {LEGAL_FORMS.get(country, 'Ltd')}",
        country=country,
        city=city,
        home_municipality=municipality,
        register_id=_key(bridge, side, index),
        founded=rng.randint(1950, 2024),
        size=rng.choice(CompanySize.values),
        visibility=rng.choice((Visibility.PUBLIC, Visibility.MEMBERS_ONLY)),
        origin=Origin.SYNTHETIC,
    )
    return company, [s.pk for s in sectors], offers, seeks, types


def _existing(bridge: Bridge) -> dict[str, int]:
    prefix = f"SYN-{bridge.slug}-"
    return dict(
        Company.objects.filter(origin=Origin.SYNTHETIC, register_id__startswith=prefix).values_list(
            "register_id", "pk"
        )
    )


def _missing(bridge: Bridge, n: int, existing: dict[str, int]) -> Iterator[tuple[str, int]]:
    for side in SIDES:
        for index in range(1, n + 1):
            if _key(bridge, side, index) not in existing:
                yield side, index


@transaction.atomic
def synthetic_companies_ensure(*, bridge: Bridge, n: int) -> SyntheticCounts:
    existing = _existing(bridge)
    wanted = {_key(bridge, side, index) for side in SIDES for index in range(1, n + 1)}
    extra = [pk for key, pk in existing.items() if key not in wanted]
    Company.objects.filter(pk__in=extra).delete()
    vocabulary = _Vocabulary(bridge)
    created = 0
    batch: list[tuple] = []
    for side, index in _missing(bridge, n, existing):
        batch.append(_profile(bridge, side, index, vocabulary))
        if len(batch) == BATCH:
            created += _write(bridge, batch)
            batch = []
    created += _write(bridge, batch)
    counts = Company.objects.filter(
        origin=Origin.SYNTHETIC, register_id__startswith=f"SYN-{bridge.slug}-"
    )
    return SyntheticCounts(
        ruhr=counts.filter(country="DE").count(),
        partner=counts.exclude(country="DE").count(),
        created=created,
        deleted=len(extra),
    )


def _write(bridge: Bridge, batch: list[tuple]) -> int:
    if not batch:
        return 0
    companies = Company.objects.bulk_create([profile[0] for profile in batch])
    relations = (
        ("sectors", "sector_id", 1),
        ("offers", "capability_id", 2),
        ("seeks", "capability_id", 3),
        ("partnership_types", "partnershiptype_id", 4),
    )
    for field_name, column, position in relations:
        through = getattr(Company, field_name).through
        through.objects.bulk_create(
            [
                through(company_id=company.pk, **{column: target})
                for company, profile in zip(companies, batch, strict=True)
                for target in profile[position]
            ],
            batch_size=10000,
        )
    now = timezone.now()
    BridgeMembership.objects.bulk_create(
        [
            BridgeMembership(
                company=company,
                bridge=bridge,
                status=MembershipStatus.APPROVED,
                decided_at=now,
                reason="Synthetic company for benchmarks.",
            )
            for company in companies
        ],
        batch_size=BATCH,
    )
    return len(companies)
