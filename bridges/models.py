from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from bridges.enums import (
    BridgeStatus,
    MunicipalityKind,
    OfferKind,
    OfferStatus,
    OrganisationKind,
    TwinningKind,
    TwinningStatus,
)


def in_language(german: str, english: str) -> str:
    """The text in the active language, falling back to the other one."""
    if get_language() == "de":
        return german or english
    return english or german


class NamedInTwoLanguages:
    """For models with `name_de` and `name_en`: `name` (and `str`) in the active language."""

    name_de: str
    name_en: str

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_de, self.name_en)


class Sector(NamedInTwoLanguages, models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name_de = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["slug"]


class Capability(NamedInTwoLanguages, models.Model):
    """One entry of the shared vocabulary of what companies offer and seek."""

    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="capabilities", verbose_name=_("sector")
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)

    class Meta:
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")
        ordering = ["sector__slug", "slug"]


class PartnershipType(NamedInTwoLanguages, models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name_de = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("partnership type")
        verbose_name_plural = _("partnership types")
        ordering = ["position", "slug"]


class Bridge(NamedInTwoLanguages, models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name_de = models.CharField(_("name (German)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    partner_region = models.CharField(_("partner region (English)"), max_length=200)
    partner_region_de = models.CharField(_("partner region (German)"), max_length=200, blank=True)
    countries = CountryField(_("countries"), multiple=True)
    focus_sectors = models.ManyToManyField(
        Sector, blank=True, related_name="bridges", verbose_name=_("focus sectors")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=BridgeStatus.choices, default=BridgeStatus.DRAFT
    )
    launched_on = models.DateField(_("launched on"), null=True, blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_bridges",
        limit_choices_to={"is_staff": True},
        verbose_name=_("managers"),
        help_text=_("Agency staff who decide this bridge's memberships."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bridge")
        verbose_name_plural = _("bridges")
        ordering = ["slug"]

    @property
    def region(self) -> str:
        return in_language(self.partner_region_de, self.partner_region)

    @property
    def short_name(self) -> str:
        """The name without "Innovation Bridge", where lists have little room."""
        return self.name.removeprefix("Innovation Bridge ").strip() or self.name

    @property
    def description(self) -> str:
        return in_language(self.description_de, self.description_en)


class PartnerOrganisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=OrganisationKind.choices)
    country = CountryField(_("country"))
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BridgePartner(models.Model):
    """A partner organisation's part in a bridge, e.g. co-founder or delivery partner."""

    bridge = models.ForeignKey(
        Bridge, on_delete=models.CASCADE, related_name="partners", verbose_name=_("bridge")
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.CASCADE,
        related_name="bridge_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=200)

    class Meta:
        verbose_name = _("bridge partner")
        verbose_name_plural = _("bridge partners")
        constraints = [
            models.UniqueConstraint(
                fields=["bridge", "organisation"], name="bridges_partner_once_per_bridge"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.bridge}"


class Municipality(models.Model):
    """A Ruhr city, district or town within a district."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=MunicipalityKind.choices)
    district = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="towns",
        limit_choices_to={"kind": MunicipalityKind.DISTRICT},
        verbose_name=_("district"),
    )
    official_key = models.CharField(
        _("official key"),
        max_length=8,
        null=True,
        blank=True,
        unique=True,
        help_text=_("8-digit AGS for cities and towns, 5-digit key for districts, where known."),
    )
    other_spellings = models.TextField(
        _("other spellings"), blank=True, help_text=_("One per line, e.g. “Mülheim a.d. Ruhr”.")
    )
    website = models.URLField(_("website"), blank=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="municipalities",
        verbose_name=_("users who act for it"),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="bridges_municipality_name_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(kind=MunicipalityKind.TOWN, district__isnull=False)
                | (~models.Q(kind=MunicipalityKind.TOWN) & models.Q(district__isnull=True)),
                name="bridges_municipality_only_towns_have_a_district",
            ),
            models.CheckConstraint(
                condition=models.Q(official_key__isnull=True)
                | models.Q(kind=MunicipalityKind.DISTRICT, official_key__regex=r"^[0-9]{5}$")
                | (
                    ~models.Q(kind=MunicipalityKind.DISTRICT)
                    & models.Q(official_key__regex=r"^[0-9]{8}$")
                ),
                name="bridges_municipality_official_key_format",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def spellings(self) -> list[str]:
        return [line.strip() for line in self.other_spellings.splitlines() if line.strip()]


class TwinningProject(models.Model):
    """A municipality's town twinning or bilateral project, docked to a bridge."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="twinning_projects",
        verbose_name=_("municipality"),
    )
    bridge = models.ForeignKey(
        Bridge,
        on_delete=models.PROTECT,
        related_name="twinning_projects",
        verbose_name=_("bridge"),
    )
    partner_town = models.CharField(_("partner town"), max_length=120)
    partner_country = CountryField(_("partner country"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=TwinningKind.choices, default=TwinningKind.TOWN_TWINNING
    )
    since_year = models.PositiveSmallIntegerField(
        _("since (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name=_("sectors"))
    status = models.CharField(
        _("status"), max_length=10, choices=TwinningStatus.choices, default=TwinningStatus.ACTIVE
    )
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        verbose_name = _("twinning project")
        verbose_name_plural = _("twinning projects")
        ordering = ["municipality__name", "partner_town"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "bridge", "partner_town", "kind"],
                name="bridges_twinning_unique_per_partner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.partner_town}"

    @property
    def description(self) -> str:
        return in_language(self.description_de, self.description_en)


class SettlementOffer(models.Model):
    """What a municipality offers companies that want to settle: sites, space, support."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="settlement_offers",
        verbose_name=_("municipality"),
    )
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OfferKind.choices)
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name=_("sectors"))
    area_m2 = models.PositiveIntegerField(_("area (m²)"), null=True, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("settlement offer")
        verbose_name_plural = _("settlement offers")
        ordering = ["municipality__name", "title_en"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_de, self.title_en)

    @property
    def description(self) -> str:
        return in_language(self.description_de, self.description_en)
