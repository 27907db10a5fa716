"""List filters shared by the admin of several apps."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries import countries


class CountryInUseFilter(admin.SimpleListFilter):
    """Only the countries that occur, by name, instead of all 250 of django-countries."""

    title = _("country")
    parameter_name = "country"
    field_name = "country"

    def lookups(self, request, model_admin):
        codes = (
            model_admin.get_queryset(request)
            .order_by()
            .values_list(self.field_name, flat=True)
            .distinct()
        )
        return sorted(
            ((code, countries.name(code)) for code in codes if code), key=lambda item: item[1]
        )

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.field_name: self.value()})
        return queryset


class PartnerCountryInUseFilter(CountryInUseFilter):
    title = _("partner country")
    parameter_name = "partner_country"
    field_name = "partner_country"
