"""The Matches page's filters: by the partner's sector, partnership type and country."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from bridges.models import PartnershipType, Sector
from companies.models import Company
from core.choices import ModelChoiceFilter
from matchmaking.models import Match


class MatchListFilter(django_filters.FilterSet):
    sector = ModelChoiceFilter(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        method="filter_sector",
        empty_label=_("All sectors"),
    )
    partnership_type = ModelChoiceFilter(
        label=_("Partnership type"),
        queryset=PartnershipType.objects.all(),
        to_field_name="slug",
        method="filter_partnership_type",
        empty_label=_("All partnership types"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="partner_company__country",
        empty_label=_("All countries"),
    )

    class Meta:
        model = Match
        fields = ["sector", "partnership_type", "country"]

    def __init__(self, *args, countries: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = countries

    def filter_sector(self, queryset, name, sector):
        through = Company.sectors.through.objects.filter(
            company=OuterRef("partner_company_id"), sector=sector
        )
        return queryset.filter(Exists(through))

    def filter_partnership_type(self, queryset, name, partnership_type):
        through = Company.partnership_types.through.objects.filter(
            company=OuterRef("partner_company_id"), partnershiptype=partnership_type
        )
        return queryset.filter(Exists(through))
