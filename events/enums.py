from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    WEBINAR = "webinar", _("Market-entry webinar")
    TRADE_FAIR = "trade_fair", _("Trade-fair visit")
    SUMMIT = "summit", _("Conference or summit")
    PARTNER_STAND = "stand", _("Stand at a partner event")
    DELEGATION = "delegation", _("Delegation trip")


class EventVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS_ONLY = "members", _("Members of its bridges only")


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")
