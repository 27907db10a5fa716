from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from bridges.enums import MunicipalityKind
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
from core.admin_actions import ExportMixin
from core.admin_filters import CountryInUseFilter, PartnerCountryInUseFilter


class CapabilityInline(admin.TabularInline):
    model = Capability
    extra = 0
    fields = ("slug", "name_en", "name_de")


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_de", "slug", "capability_count")
    search_fields = ("slug", "name_en", "name_de")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [CapabilityInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(capability_count=Count("capabilities"))

    @admin.display(description=_("capabilities"), ordering="capability_count")
    def capability_count(self, sector: Sector) -> int:
        return sector.capability_count


@admin.register(Capability)
class CapabilityAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_de", "slug", "sector")
    list_filter = ("sector",)
    list_select_related = ("sector",)
    search_fields = ("slug", "name_en", "name_de")


@admin.register(PartnershipType)
class PartnershipTypeAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_de", "slug", "position")
    list_editable = ("position",)
    search_fields = ("slug", "name_en", "name_de")


class BridgePartnerInline(admin.TabularInline):
    model = BridgePartner
    extra = 0
    autocomplete_fields = ("organisation",)


@admin.register(Bridge)
class BridgeAdmin(ExportMixin, SimpleHistoryAdmin):
    list_display = ("name_en", "slug", "status", "country_list", "launched_on", "member_count")
    list_filter = ("status",)
    search_fields = ("slug", "name_en", "name_de", "partner_region", "partner_region_de")
    filter_horizontal = ("focus_sectors",)
    autocomplete_fields = ("managers",)
    inlines = [BridgePartnerInline]
    fieldsets = (
        (None, {"fields": ("slug", "name_en", "name_de", "status", "launched_on")}),
        (
            _("Partner region"),
            {"fields": ("partner_region", "partner_region_de", "countries", "focus_sectors")},
        ),
        (_("Description"), {"fields": ("description_en", "description_de")}),
        (_("Managers"), {"fields": ("managers",)}),
    )
    export_columns = (
        (_("slug"), lambda b: b.slug),
        (_("name (English)"), lambda b: b.name_en),
        (_("status"), lambda b: b.get_status_display()),
        (_("countries"), lambda b: ", ".join(c.code for c in b.countries)),
        (_("launched on"), lambda b: b.launched_on),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("memberships"))

    @admin.display(description=_("countries"))
    def country_list(self, bridge: Bridge) -> str:
        return ", ".join(country.code for country in bridge.countries)

    @admin.display(description=_("memberships"), ordering="member_count")
    def member_count(self, bridge: Bridge) -> int:
        return bridge.member_count


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(ExportMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "country", "website")
    list_filter = ("kind", CountryInUseFilter)
    search_fields = ("name",)
    export_columns = (
        (_("name"), lambda o: o.name),
        (_("kind"), lambda o: o.get_kind_display()),
        (_("country"), lambda o: o.country.code),
        (_("website"), lambda o: o.website),
    )


class TownInline(admin.TabularInline):
    model = Municipality
    fk_name = "district"
    extra = 0
    fields = ("name", "slug", "official_key")
    show_change_link = True
    verbose_name = _("town")
    verbose_name_plural = _("towns in this district")


class TwinningProjectInline(admin.TabularInline):
    model = TwinningProject
    extra = 0
    fields = ("partner_town", "partner_country", "bridge", "kind", "since_year", "status")
    show_change_link = True


class SettlementOfferInline(admin.TabularInline):
    model = SettlementOffer
    extra = 0
    fields = ("title_en", "kind", "area_m2", "available_from", "status")
    show_change_link = True


@admin.register(Municipality)
class MunicipalityAdmin(ExportMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "district", "official_key", "twinning_count", "offer_count")
    list_filter = ("kind", ("district", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("district",)
    search_fields = ("name", "slug", "other_spellings", "official_key")
    autocomplete_fields = ("district", "users")
    prepopulated_fields = {"slug": ("name",)}
    export_columns = (
        (_("name"), lambda m: m.name),
        (_("kind"), lambda m: m.get_kind_display()),
        (_("district"), lambda m: m.district.name if m.district else ""),
        (_("official key"), lambda m: m.official_key or ""),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                twinning_count=Count("twinning_projects", distinct=True),
                offer_count=Count("settlement_offers", distinct=True),
            )
        )

    def get_inlines(self, request, obj):
        if obj is not None and obj.kind == MunicipalityKind.DISTRICT:
            return [TownInline, TwinningProjectInline, SettlementOfferInline]
        return [TwinningProjectInline, SettlementOfferInline]

    @admin.display(description=_("twinning projects"), ordering="twinning_count")
    def twinning_count(self, municipality: Municipality) -> int:
        return municipality.twinning_count

    @admin.display(description=_("settlement offers"), ordering="offer_count")
    def offer_count(self, municipality: Municipality) -> int:
        return municipality.offer_count


@admin.register(TwinningProject)
class TwinningProjectAdmin(ExportMixin, admin.ModelAdmin):
    list_display = (
        "municipality",
        "partner_town",
        "partner_country",
        "bridge",
        "kind",
        "since_year",
        "status",
    )
    list_filter = ("bridge", "kind", "status", PartnerCountryInUseFilter)
    list_select_related = ("municipality", "bridge")
    search_fields = ("partner_town", "municipality__name", "description_en", "description_de")
    autocomplete_fields = ("municipality",)
    filter_horizontal = ("sectors",)
    export_columns = (
        (_("municipality"), lambda t: t.municipality.name),
        (_("partner town"), lambda t: t.partner_town),
        (_("partner country"), lambda t: t.partner_country.code),
        (_("bridge"), lambda t: t.bridge.slug),
        (_("kind"), lambda t: t.get_kind_display()),
        (_("since (year)"), lambda t: t.since_year),
        (_("status"), lambda t: t.get_status_display()),
    )


@admin.register(SettlementOffer)
class SettlementOfferAdmin(ExportMixin, admin.ModelAdmin):
    list_display = ("title_en", "municipality", "kind", "area_m2", "available_from", "status")
    list_filter = ("kind", "status", "sectors")
    list_select_related = ("municipality",)
    search_fields = ("title_en", "title_de", "municipality__name")
    autocomplete_fields = ("municipality",)
    filter_horizontal = ("sectors",)
    export_columns = (
        (_("title (English)"), lambda o: o.title_en),
        (_("municipality"), lambda o: o.municipality.name),
        (_("kind"), lambda o: o.get_kind_display()),
        (_("area (m²)"), lambda o: o.area_m2),
        (_("available from"), lambda o: o.available_from),
        (_("status"), lambda o: o.get_status_display()),
    )
