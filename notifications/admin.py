from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin import UserAdmin
from accounts.models import User
from notifications.admin_filters import UndeliverableFilter, undeliverable_since
from notifications.enums import EmailStatus
from notifications.models import (
    EmailEvent,
    Notification,
    OutboundEmail,
    SuppressedAddress,
    Unsubscribe,
)
from notifications.services import email_resend


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "to_email",
        "subject",
        "language",
        "status",
        "attempts",
        "sent_at",
    )
    list_filter = ("status", "language")
    search_fields = ("to_email", "subject", "idempotency_key")
    date_hierarchy = "created_at"
    actions = ["resend_failed"]
    fields = (
        "to_email",
        "from_email",
        "subject",
        "language",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "body_erased_at",
        "idempotency_key",
        "headers",
        "text_body",
        "html_body",
    )
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Re-send the selected failed e-mails"))
    def resend_failed(self, request, queryset) -> None:
        resent, refused = 0, []
        for email in queryset.filter(status=EmailStatus.FAILED):
            try:
                email_resend(actor=request.user, email_id=email.pk)
            except ValidationError as error:
                refused.append(f"{email.to_email}: {' '.join(error.messages)}")
            else:
                resent += 1
        skipped = queryset.exclude(status=EmailStatus.FAILED).count()
        if resent:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail queued again.", "%(count)d e-mails queued again.", resent
                )
                % {"count": resent},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail was not failed and was left as it is.",
                    "%(count)d e-mails were not failed and were left as they are.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
        for message in refused:
            self.message_user(request, message, messages.ERROR)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: staff look up what someone was told, they never write notifications."""

    list_display = ("created_at", "user", "kind", "read_at")
    list_filter = ("kind",)
    search_fields = ("user__email", "key")
    date_hierarchy = "created_at"
    list_select_related = ("user",)
    fields = ("user", "kind", "params", "url", "key", "created_at", "read_at")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


# --- Undeliverable addresses, shown on people and contact persons -----------------------------


@admin.register(SuppressedAddress)
class SuppressedAddressAdmin(admin.ModelAdmin):
    """Written by the webhook and import_bounces; staff may lift a suppression by deleting."""

    list_display = ("email", "reason", "source", "first_seen", "last_seen", "events_count")
    list_filter = ("reason", "source")
    search_fields = ("email",)
    date_hierarchy = "first_seen"
    fields = list_display
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(EmailEvent)
class EmailEventAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "email", "type", "bounce_type", "source", "received_at")
    list_filter = ("type", "bounce_type", "source")
    search_fields = ("email", "event_id")
    date_hierarchy = "occurred_at"
    fields = ("event_id", *list_display)
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Unsubscribe)
class UnsubscribeAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "kind", "method")
    list_filter = ("kind", "method")
    search_fields = ("user__email",)
    list_select_related = ("user",)
    fields = list_display
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class UndeliverableUserAdmin(UserAdmin):
    """The accounts admin with the person's deliverability (accounts sits below this app)."""

    list_filter = (*UserAdmin.list_filter, UndeliverableFilter)
    readonly_fields = (*UserAdmin.readonly_fields, "undeliverable")
    fieldsets = tuple(
        (name, {**options, "fields": (*options["fields"], "undeliverable")})
        if name is None
        else (name, options)
        for name, options in UserAdmin.fieldsets
    )

    @admin.display(description=_("e-mail deliverability"))
    def undeliverable(self, obj) -> str:
        return undeliverable_since(obj.email)


admin.site.unregister(User)
admin.site.register(User, UndeliverableUserAdmin)
