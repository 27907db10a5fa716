"""The staff workbench for events: programme, attendee lists with export, check-in."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_actions import ExportMixin
from events.enums import RegistrationStatus
from events.models import CalendarFeed, Event, ProgrammeDay, Registration, Session
from events.services import (
    CALENDAR_FIELDS,
    event_calendar_changed,
    event_waitlist_fill,
    registrations_check_in,
)


class ProgrammeDayInline(admin.TabularInline):
    model = ProgrammeDay
    extra = 0
    show_change_link = True
    fields = ("date", "theme_en", "theme_de")


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ("starts", "ends", "title_en", "title_de")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title_en", "kind", "starts_at", "time_zone", "visibility", "seats", "people")
    list_filter = ("kind", "visibility", "bridges", "sectors")
    search_fields = ("title_en", "title_de", "slug", "venue")
    prepopulated_fields = {"slug": ("title_en",)}
    filter_horizontal = ("bridges", "sectors", "organisers")
    date_hierarchy = "starts_at"
    inlines = [ProgrammeDayInline]
    fieldsets = (
        (None, {"fields": ("kind", "slug", "bridges", "visibility", "sectors", "organisers")}),
        (_("Texts"), {"fields": ("title_en", "title_de", "description_en", "description_de")}),
        (
            _("Time and place"),
            {"fields": ("time_zone", "starts_at", "ends_at", "venue", "online_url")},
        ),
        (
            _("Registration"),
            {"fields": ("capacity", "registration_opens_at", "registration_closes_at")},
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                registered=Count(
                    "registrations",
                    filter=Q(registrations__status=RegistrationStatus.REGISTERED),
                ),
                waiting=Count(
                    "registrations",
                    filter=Q(registrations__status=RegistrationStatus.WAITLISTED),
                ),
            )
        )

    @admin.display(description=_("registered / capacity"))
    def seats(self, event: Event) -> str:
        return f"{event.registered} / {event.capacity} (+{event.waiting})"

    @admin.display(description=_("attendee list"))
    def people(self, event: Event) -> str:
        url = reverse("admin:events_registration_changelist") + f"?event__id__exact={event.pk}"
        return format_html('<a href="{}">{}</a>', url, _("attendees"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            return
        if CALENDAR_FIELDS & set(form.changed_data):
            event_calendar_changed(event_id=obj.pk)
        if "capacity" in form.changed_data:
            promoted = event_waitlist_fill(
                event_id=obj.pk, base_url=request.build_absolute_uri("/")
            )
            if promoted:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d person moved up from the waiting list and was e-mailed.",
                        "%(count)d people moved up from the waiting list and were e-mailed.",
                        len(promoted),
                    )
                    % {"count": len(promoted)},
                )


@admin.register(ProgrammeDay)
class ProgrammeDayAdmin(admin.ModelAdmin):
    list_display = ("event", "date", "theme_en")
    list_select_related = ("event",)
    list_filter = ("event",)
    inlines = [SessionInline]


def _when(moment) -> str:
    return moment.isoformat() if moment else ""


@admin.register(Registration)
class RegistrationAdmin(ExportMixin, admin.ModelAdmin):
    """The attendee list: registrations change only through the site's services."""

    list_display = (
        "user",
        "event",
        "company",
        "attendance",
        "status",
        "waitlist_position",
        "created_at",
        "checked_in_at",
    )
    list_filter = ("event", "status", "attendance")
    list_select_related = ("user", "event", "company")
    search_fields = ("user__email", "user__full_name", "company__name")
    ordering = ("event__starts_at", "status", "waitlist_position", "created_at")
    actions = [*ExportMixin.actions, "check_in"]
    export_columns = (
        (_("event"), lambda r: r.event.title_en),
        (_("name"), lambda r: r.user.full_name),
        (_("e-mail"), lambda r: r.user.email),
        (_("company"), lambda r: r.company.name if r.company else ""),
        (_("attendance"), lambda r: r.attendance),
        (_("status"), lambda r: r.status),
        (_("position on the waiting list"), lambda r: r.waitlist_position),
        (_("registered at"), lambda r: _when(r.created_at)),
        (_("checked in at"), lambda r: _when(r.checked_in_at)),
    )

    def get_export_queryset(self, queryset):
        return queryset.select_related("user", "event", "company")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Check in the selected people"))
    def check_in(self, request, queryset):
        count = registrations_check_in(
            actor=request.user, registration_ids=list(queryset.values_list("pk", flat=True))
        )
        self.message_user(
            request,
            ngettext("%(count)d person checked in.", "%(count)d people checked in.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at")
    search_fields = ("user__email",)
    fields = ("user", "created_at")
    readonly_fields = ("user", "created_at")

    def has_add_permission(self, request) -> bool:
        return False
