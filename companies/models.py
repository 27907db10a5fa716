import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from bridges.models import Bridge, Capability, Municipality, PartnershipType, Sector, in_language
from companies.enums import (
    CompanySize,
    ContactSource,
    InviteRole,
    JoinRequestKind,
    JoinRequestStatus,
    MemberRole,
    MembershipStatus,
    Origin,
    SettlementTimeline,
    Visibility,
)

RUHR_COUNTRY = "DE"


def email_digest(address: str) -> str:
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()


class Company(models.Model):
    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    postcode = models.CharField(_("postcode"), max_length=12, blank=True)
    home_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="companies",
        verbose_name=_("home municipality"),
        help_text=_("For Ruhr companies: the town or city, derived from the city."),
    )
    website = models.URLField(_("website"), blank=True)
    register_id = models.CharField(
        _("register number"),
        max_length=60,
        blank=True,
        help_text=_("Handelsregister, Companies House, KvK … shown to staff deciding memberships."),
    )
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    founded = models.PositiveSmallIntegerField(
        _("founded (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    size = models.CharField(_("size"), max_length=8, choices=CompanySize.choices, blank=True)
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="companies", verbose_name=_("sectors")
    )
    offers = models.ManyToManyField(
        Capability, blank=True, related_name="offered_by", verbose_name=_("offers")
    )
    seeks = models.ManyToManyField(
        Capability, blank=True, related_name="sought_by", verbose_name=_("seeks")
    )
    partnership_types = models.ManyToManyField(
        PartnershipType, blank=True, related_name="companies", verbose_name=_("partnership types")
    )
    settlement_timeline = models.CharField(
        _("settlement timeline"), max_length=16, choices=SettlementTimeline.choices, blank=True
    )
    settlement_headcount = models.PositiveIntegerField(
        _("planned headcount in the Ruhr"), null=True, blank=True
    )
    settlement_needs = models.JSONField(
        _("settlement needs"),
        default=list,
        blank=True,
        help_text=_("Any of: office, production, lab, funding, recruiting."),
    )
    open_to_matching = models.BooleanField(
        _("open to matching"), default=True, help_text=_("Off: never suggested as a partner.")
    )
    settlement_contact_allowed = models.BooleanField(
        _("municipalities may see the settlement intent"), default=False
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.MEMBERS_ONLY
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.SELF
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]
        indexes = [
            # Lists by name (the directory, a bridge's members) read the first page from this
            # index instead of sorting every visible company.
            models.Index(fields=["name", "id"], name="companies_company_name_id"),
            # With the membership index below, counting the visible companies (the
            # directory's and a bridge page's totals) reads two narrow indexes, not the table.
            models.Index(fields=["visibility", "id"], name="companies_company_visible"),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "country", name="companies_company_name_country_unique"
            ),
            # A German company is on the platform because it is in the Ruhr, so it has a
            # home municipality; a partner-region company has none.
            models.CheckConstraint(
                condition=models.Q(country=RUHR_COUNTRY, home_municipality__isnull=False)
                | (~models.Q(country=RUHR_COUNTRY) & models.Q(home_municipality__isnull=True)),
                name="companies_company_home_municipality_iff_german",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_ruhr(self) -> bool:
        return self.country == RUHR_COUNTRY

    @property
    def description(self) -> str:
        return in_language(self.description_de, self.description_en)


class CompanyContact(models.Model):
    """A contact person of a company: data about a person, never a user account."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("company")
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    email_digest = models.CharField(
        _("e-mail digest"),
        max_length=64,
        blank=True,
        help_text=_("SHA-256 of the lower-case address; kept after an objection erased it."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    source = models.CharField(
        _("source"), max_length=8, choices=ContactSource.choices, default=ContactSource.SELF
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    informed_at = models.DateTimeField(
        _("informed at"),
        null=True,
        blank=True,
        help_text=_("When the Art. 14 GDPR notice went out."),
    )
    objected_at = models.DateTimeField(_("objected at"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["company__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "email_digest"],
                condition=~models.Q(email_digest=""),
                name="companies_contact_once_per_company",
            ),
            models.CheckConstraint(
                condition=models.Q(objected_at__isnull=True)
                | models.Q(name="", email="", phone="", role=""),
                name="companies_contact_objection_erases_details",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(_("(objected)"))

    def clean(self) -> None:
        # The digest outlives the address: an objection erases the address, and the digest
        # keeps a later import from adding the same person again.
        if self.email:
            self.email_digest = email_digest(self.email)


class CompanyMember(models.Model):
    """A user who acts for a company."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="members", verbose_name=_("company")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="company_memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(
        _("role"), max_length=8, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("company member")
        verbose_name_plural = _("company members")
        constraints = [
            models.UniqueConstraint(fields=["company", "user"], name="companies_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.company}"


class BridgeMembership(models.Model):
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        related_name="bridge_memberships",
        verbose_name=_("company"),
    )
    bridge = models.ForeignKey(
        Bridge, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("bridge")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.APPLIED,
    )
    motivation = models.TextField(_("motivation"), blank=True)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why staff decided so."))
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bridge membership")
        verbose_name_plural = _("bridge memberships")
        indexes = [
            models.Index(fields=["status", "company"], name="companies_membership_status"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["company", "bridge"], name="companies_membership_once"),
            models.CheckConstraint(
                condition=models.Q(status=MembershipStatus.APPLIED)
                | models.Q(decided_at__isnull=False),
                name="companies_membership_decided_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} – {self.bridge} ({self.get_status_display()})"


class CompanyInvite(models.Model):
    """A colleague invited by e-mail; the link carries a signed token, good once for 7 days."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="invites", verbose_name=_("company")
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(
        _("role"), max_length=8, choices=InviteRole.choices, default=InviteRole.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invite")
        verbose_name_plural = _("invites")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True) | models.Q(revoked_at__isnull=True),
                name="companies_invite_accepted_or_revoked_not_both",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.company}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


class JoinRequest(models.Model):
    """A user asks to join a company's team, or to claim a company that has no members.

    The company's owners and admins decide a request to join; agency staff decide claims.
    """

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("company")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="company_join_requests",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=JoinRequestKind.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=JoinRequestStatus.choices,
        default=JoinRequestStatus.PENDING,
    )
    message = models.TextField(_("message"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "user"],
                condition=models.Q(status=JoinRequestStatus.PENDING),
                name="companies_join_request_one_pending",
            ),
            models.CheckConstraint(
                condition=models.Q(status=JoinRequestStatus.PENDING)
                | models.Q(decided_at__isnull=False),
                name="companies_join_request_decided_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.company} ({self.get_status_display()})"
