from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from announcements.models import Announcement
from announcements.selectors import announcement_recipient_plan
from announcements.services import announcement_send

CONFIRM_FIELD = "confirmed"
COUNT_FIELDS = (
    "sent_at",
    "recipients_count",
    "sent_count",
    "skipped_unsubscribed",
    "skipped_undeliverable",
)


def plan_summary(announcement: Announcement) -> str:
    plan = announcement_recipient_plan(announcement=announcement)
    return _(
        "Recipients: %(recipients)s. E-mails to send: %(send)s. Skipped as unsubscribed: "
        "%(unsubscribed)s. Skipped as undeliverable: %(undeliverable)s."
    ) % {
        "recipients": plan.recipients,
        "send": len(plan.to_send),
        "unsubscribed": len(plan.unsubscribed),
        "undeliverable": len(plan.undeliverable),
    }


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    """Write, check the recipients, send once; a sent announcement stays as it was sent."""

    list_display = ("title_en", "segment", "created_at", "sent_at", "sent_count")
    list_filter = ("bridge", "side", ("sent_at", admin.EmptyFieldListFilter))
    list_select_related = ("bridge", "sector", "event")
    search_fields = ("title_de", "title_en")
    autocomplete_fields = ("event",)
    actions = ["send"]
    fieldsets = (
        (gettext_lazy("Text"), {"fields": ("title_de", "body_de", "title_en", "body_en")}),
        (
            gettext_lazy("Recipients"),
            {"fields": ("bridge", "sector", "side", "event", "recipient_preview")},
        ),
        (gettext_lazy("Sending"), {"fields": ("created_by", "created_at", *COUNT_FIELDS)}),
    )
    readonly_fields = ("recipient_preview", "created_by", "created_at", *COUNT_FIELDS)

    def get_fieldsets(self, request, obj=None):
        if obj is not None and obj.sent_at is not None:
            return self.fieldsets
        # The figures mean something once it is sent.
        *writing, _sending = self.fieldsets
        return (*writing, (gettext_lazy("Sending"), {"fields": ("created_by", "created_at")}))

    @admin.display(description=gettext_lazy("recipients"))
    def segment(self, obj: Announcement) -> str:
        if obj.event is not None:
            return _("registered for %(event)s") % {"event": obj.event}
        parts = [str(obj.bridge or _("every bridge")), str(obj.sector or _("every sector"))]
        return " · ".join([*parts, obj.get_side_display()])

    @admin.display(description=gettext_lazy("who gets it"))
    def recipient_preview(self, obj: Announcement | None) -> str:
        if obj is None or obj.pk is None:
            return _("Save to see how many people get it.")
        if obj.sent_at is not None:
            return _("Sent; see the figures below.")
        return plan_summary(obj)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.sent_at is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.sent_at is not None:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=gettext_lazy("Send the selected announcement (asks first)"))
    def send(self, request, queryset):
        unsent = list(queryset.filter(sent_at__isnull=True))
        if len(unsent) != 1 or queryset.count() != 1:
            self.message_user(
                request, _("Select exactly one announcement that is not sent yet."), messages.ERROR
            )
            return None
        announcement = unsent[0]
        if request.POST.get(CONFIRM_FIELD) != "yes":
            return self._confirmation(request, announcement)
        try:
            announcement = announcement_send(actor=request.user, announcement_id=announcement.pk)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            self.message_user(request, text, messages.ERROR)
            return None
        self.message_user(
            request,
            _(
                "“%(title)s” is on its way. E-mails: %(sent)s. Skipped as unsubscribed: "
                "%(unsubscribed)s. Skipped as undeliverable: %(undeliverable)s."
            )
            % {
                "title": announcement,
                "sent": announcement.sent_count,
                "unsubscribed": announcement.skipped_unsubscribed,
                "undeliverable": announcement.skipped_undeliverable,
            },
            messages.SUCCESS,
        )
        return None

    def _confirmation(self, request, announcement: Announcement):
        return TemplateResponse(
            request,
            "admin/announcements/announcement/send_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Send an announcement"),
                "announcement": announcement,
                "summary": plan_summary(announcement),
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "confirm_field": CONFIRM_FIELD,
            },
        )
