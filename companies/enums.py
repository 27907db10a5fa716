from django.db import models
from django.utils.translation import gettext_lazy as _


class CompanySize(models.TextChoices):
    MICRO = "micro", _("micro (fewer than 10 people)")
    SMALL = "small", _("small (10–49 people)")
    MEDIUM = "medium", _("medium (50–249 people)")
    LARGE = "large", _("large (250 people or more)")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    MEMBERS_ONLY = "members-only", _("members only")
    HIDDEN = "hidden", _("hidden")


class SettlementTimeline(models.TextChoices):
    WITHIN_6_MONTHS = "within-6-months", _("within 6 months")
    WITHIN_12_MONTHS = "6-12-months", _("in 6 to 12 months")
    WITHIN_24_MONTHS = "12-24-months", _("in 12 to 24 months")
    LATER = "later", _("later than 24 months")


class SettlementNeed(models.TextChoices):
    OFFICE = "office", _("office")
    PRODUCTION = "production", _("production")
    LAB = "lab", _("lab")
    FUNDING = "funding", _("funding")
    RECRUITING = "recruiting", _("recruiting")


class Origin(models.TextChoices):
    SELF = "self", _("registered by the company")
    IMPORT = "import", _("imported by staff")
    DEMO = "demo", _("demo data")
    SYNTHETIC = "synthetic", _("synthetic (benchmarks)")


class ContactSource(models.TextChoices):
    SELF = "self", _("entered by the company")
    STAFF = "staff", _("entered by staff")
    IMPORT = "import", _("imported by staff")


class MemberRole(models.TextChoices):
    OWNER = "owner", _("owner")
    ADMIN = "admin", _("admin")
    MEMBER = "member", _("member")


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("applied")
    APPROVED = "approved", _("approved")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")


class JoinRequestKind(models.TextChoices):
    JOIN = "join", _("join a team")
    CLAIM = "claim", _("claim a company without members")


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    DECLINED = "declined", _("declined")


class InviteRole(models.TextChoices):
    """The roles an invite may give; owners are made on the team page, never by e-mail."""

    ADMIN = "admin", _("admin")
    MEMBER = "member", _("member")
