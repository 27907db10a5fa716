"""Deliverability of an address in the admins of people and contact persons."""

from django.contrib import admin
from django.db.models.functions import Lower
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.models import SuppressedAddress
from notifications.services import suppression_for


def undeliverable_since(address: str) -> str:
    """“undeliverable since 3 March 2026 (hard bounce)”, or "—" for a deliverable address."""
    suppressed = suppression_for(address) if address else None
    if suppressed is None:
        return "—"
    return _("undeliverable since %(date)s (%(reason)s)") % {
        "date": formats.date_format(suppressed.first_seen, "DATE_FORMAT"),
        "reason": suppressed.get_reason_display(),
    }


class UndeliverableFilter(admin.SimpleListFilter):
    """Whose address bounced hard or complained; `email_field` names the address."""

    title = gettext_lazy("e-mail deliverability")
    parameter_name = "undeliverable"
    email_field = "email"

    def lookups(self, request, model_admin):
        return [("yes", gettext_lazy("undeliverable")), ("no", gettext_lazy("deliverable"))]

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        annotated = queryset.annotate(_address_lower=Lower(self.email_field))
        suppressed = SuppressedAddress.objects.values("email")
        if self.value() == "yes":
            return annotated.filter(_address_lower__in=suppressed)
        return annotated.exclude(_address_lower__in=suppressed)
