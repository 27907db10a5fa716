from django.db import models
from django.utils.translation import gettext_lazy as _


class IntroductionStatus(models.TextChoices):
    PENDING = "pending", _("waiting for an answer")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    EXPIRED = "expired", _("expired")
    WITHDRAWN = "withdrawn", _("withdrawn")


class LeadKind(models.TextChoices):
    PARTNERSHIP = "partnership", _("partnership")
    SETTLEMENT = "settlement", _("settlement")


class LeadStage(models.TextChoices):
    # Asked for (a settlement request, a municipality's interest): the agency has not yet
    # introduced the two.
    REQUESTED = "requested", _("requested")
    INTRODUCED = "introduced", _("introduced")
    MEETING_HELD = "meeting-held", _("meeting held")
    PARTNERSHIP_AGREED = "partnership-agreed", _("partnership agreed")
    SETTLED = "settled", _("settled in the Ruhr")
    NO_FIT = "no-fit", _("no fit")


OPEN_LEAD_STAGES = (LeadStage.REQUESTED, LeadStage.INTRODUCED, LeadStage.MEETING_HELD)


class LeadOrigin(models.TextChoices):
    INTRODUCTION = "introduction", _("introduction both accepted")
    SETTLEMENT_REQUEST = "settlement-request", _("settlement request of the company")
    MUNICIPALITY_INTEREST = "municipality-interest", _("interest of the municipality")
    STAFF = "staff", _("opened by staff")


class Outcome(models.TextChoices):
    """What a company says came of an accepted introduction."""

    MEETING_HELD = "meeting-held", _("we met")
    PARTNERSHIP_AGREED = "partnership-agreed", _("we agreed a partnership")
    NO_FIT = "no-fit", _("no fit")
