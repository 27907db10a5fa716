from django.db import models
from django.utils.translation import gettext_lazy as _


class Side(models.TextChoices):
    BOTH = "both", _("both sides")
    RUHR = "ruhr", _("Ruhr companies")
    PARTNER = "partner", _("partner-region companies")
