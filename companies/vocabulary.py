"""The vocabulary an import file may use, as plain CSV (`import_companies --list-vocabulary`)."""

import csv
from collections.abc import Iterator

from django.utils import translation

from bridges.models import Capability, PartnershipType, Sector
from companies.enums import CompanySize, SettlementTimeline, Visibility
from core.exports import guarded_rows

HEADER = ("kind", "slug", "sector", "name_en", "name_de")


def _choices(kind: str, choices) -> Iterator[tuple[str, str, str, str, str]]:
    for value, label in choices.choices:
        with translation.override("en"):
            english = str(label)
        with translation.override("de"):
            german = str(label)
        yield kind, value, "", english, german


def vocabulary_rows() -> Iterator[tuple[str, str, str, str, str]]:
    for sector in Sector.objects.order_by("slug"):
        yield "sector", sector.slug, "", sector.name_en, sector.name_de
    for capability in Capability.objects.select_related("sector").order_by("sector__slug", "slug"):
        yield (
            "capability",
            capability.slug,
            capability.sector.slug,
            capability.name_en,
            capability.name_de,
        )
    for partnership_type in PartnershipType.objects.order_by("position", "slug"):
        yield (
            "partnership_type",
            partnership_type.slug,
            "",
            partnership_type.name_en,
            partnership_type.name_de,
        )
    yield from _choices("size", CompanySize)
    yield from _choices("settlement_timeline", SettlementTimeline)
    yield from _choices("visibility", Visibility)


def write_vocabulary(stream) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(guarded_rows(vocabulary_rows()))  # names are typed by staff
