"""The directory's filters: every choice is in the URL, so a filtered list can be shared."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from bridges.enums import BridgeStatus
from bridges.models import Bridge, PartnershipType, Sector
from companies.enums import CompanySize, MembershipStatus
from companies.models import RUHR_COUNTRY, BridgeMembership, Company
from companies.sides import bridge_country_codes
from core.choices import ModelChoiceFilter


def _country_choices() -> list[tuple[str, str]]:
    codes = {RUHR_COUNTRY}
    for bridge in Bridge.objects.all():
        codes |= bridge_country_codes(bridge)
    return sorted(((code, countries.name(code)) for code in codes), key=lambda item: item[1])


class CompanyDirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or description")}),
    )
    bridge = ModelChoiceFilter(
        label=_("Bridge"),
        queryset=Bridge.objects.filter(status=BridgeStatus.ACTIVE),
        to_field_name="slug",
        method="filter_bridge",
        empty_label=_("All bridges"),
    )
    sector = ModelChoiceFilter(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        method="filter_sector",
        empty_label=_("All sectors"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=_country_choices, empty_label=_("All countries")
    )
    partnership_type = ModelChoiceFilter(
        label=_("Partnership type"),
        queryset=PartnershipType.objects.all(),
        to_field_name="slug",
        method="filter_partnership_type",
        empty_label=_("All partnership types"),
    )
    size = django_filters.ChoiceFilter(
        label=_("Size"), choices=CompanySize.choices, empty_label=_("All sizes")
    )
    settlement = django_filters.BooleanFilter(
        label=_("Seeks settlement in the Ruhr"),
        method="filter_settlement",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Company
        fields = ["q", "bridge", "sector", "country", "partnership_type", "size", "settlement"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(description_de__icontains=value)
            | Q(description_en__icontains=value)
        )

    def filter_bridge(self, queryset, name, bridge):
        return queryset.filter(
            Exists(
                BridgeMembership.objects.filter(
                    company=OuterRef("pk"), bridge=bridge, status=MembershipStatus.APPROVED
                )
            )
        )

    def filter_sector(self, queryset, name, sector):
        return queryset.filter(
            Exists(Company.sectors.through.objects.filter(company=OuterRef("pk"), sector=sector))
        )

    def filter_partnership_type(self, queryset, name, partnership_type):
        return queryset.filter(
            Exists(
                Company.partnership_types.through.objects.filter(
                    company=OuterRef("pk"), partnershiptype=partnership_type
                )
            )
        )

    def filter_settlement(self, queryset, name, value):
        if not value:
            return queryset
        # Only companies that let it be seen: the intent is theirs to share.
        return queryset.exclude(settlement_timeline="").filter(settlement_contact_allowed=True)
