from django.db import models
from django.utils.translation import gettext_lazy as _


class BridgeStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ACTIVE = "active", _("active")
    PAUSED = "paused", _("paused")
    CLOSED = "closed", _("closed")


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", _("government")
    CONSULATE = "consulate", _("consulate")
    CHAMBER = "chamber", _("chamber of commerce")
    CLUSTER = "cluster", _("cluster")
    UNIVERSITY = "university", _("university")
    AGENCY = "agency", _("agency")


class MunicipalityKind(models.TextChoices):
    CITY = "city", _("county-level city")
    DISTRICT = "district", _("district")
    TOWN = "town", _("town within a district")


class TwinningKind(models.TextChoices):
    TOWN_TWINNING = "town-twinning", _("town twinning")
    FRIENDSHIP = "friendship", _("friendship")
    BILATERAL_PROJECT = "bilateral-project", _("bilateral project")


class TwinningStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    DORMANT = "dormant", _("dormant")
    ENDED = "ended", _("ended")


class OfferKind(models.TextChoices):
    COMMERCIAL_SITE = "commercial-site", _("commercial site")
    OFFICE_SPACE = "office-space", _("office space")
    LAB = "lab", _("lab space")
    INCUBATOR_PLACE = "incubator-place", _("incubator place")
    SUPPORT_PROGRAMME = "support-programme", _("support programme")
    FUNDING = "funding", _("funding")


class OfferStatus(models.TextChoices):
    OPEN = "open", _("open")
    WITHDRAWN = "withdrawn", _("withdrawn")
