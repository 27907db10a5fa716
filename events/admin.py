"""The staff workbench for events: programme, attendee lists with export, check-in."""

import zoneinfo

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bridges.selectors import bridges_managed_by
from core.admin_actions import ExportMixin
from events.delegations.services import (
    application_decline,
    application_select,
    application_unselect,
)
from events.enums import RegistrationStatus
from events.meetings.services import meeting_lead_open
from events.models import (
    CalendarFeed,
    Delegation,
    DelegationApplication,
    DelegationApplicationStatus,
    Event,
    Meeting,
    MeetingTable,
    ProgrammeDay,
    Registration,
    Session,
    Stand,
    StandExhibitor,
)
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


LOCAL_FIELDS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")
LOCAL_TIME_HINT = _("In the event’s time zone.")


class EventAdminForm(forms.ModelForm):
    """Staff enter and read the times as clocks at the event's place, not in Essen: a
    summit in Manchester that starts at 09:00 is typed as 09:00."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        here = timezone.get_current_timezone()
        for name in LOCAL_FIELDS:
            field = self.fields[name]
            field.help_text = f"{field.help_text} {LOCAL_TIME_HINT}".strip()
            value = getattr(self.instance, name) if self.instance.pk else None
            if value is not None:
                # The same wall-clock time, labelled with the admin's zone, so that the widget
                # shows it unchanged and an untouched field does not count as changed.
                wall_clock = timezone.localtime(value, self.instance.tzinfo).replace(tzinfo=None)
                self.initial[name] = timezone.make_aware(wall_clock, here)

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        if zone not in zoneinfo.available_timezones():
            return cleaned
        here, there = timezone.get_current_timezone(), zoneinfo.ZoneInfo(zone)
        for name in LOCAL_FIELDS:
            value = cleaned.get(name)
            if value is not None:
                cleaned[name] = timezone.make_aware(timezone.make_naive(value, here), there)
        return cleaned


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventAdminForm
    list_display = ("title_en", "kind", "local_start", "visibility", "seats", "people")
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
        (
            _("1:1 meetings"),
            {
                "fields": (
                    "meetings_enabled",
                    "meeting_minutes",
                    "meetings_start",
                    "meetings_end",
                    "meeting_breaks",
                )
            },
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

    @admin.display(description=_("starts (local time)"), ordering="starts_at")
    def local_start(self, event: Event) -> str:
        start = timezone.localtime(event.starts_at, event.tzinfo)
        return f"{formats.date_format(start, 'SHORT_DATETIME_FORMAT')} ({event.time_zone})"

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
                        "%(count)d person moved up from the waiting list and was told.",
                        "%(count)d people moved up from the waiting list and were told.",
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


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Read-only: meetings change through the pages (the staff grid moves them), so that both
    people are told and their calendars follow."""

    list_display = ("__str__", "event", "status", "starts_at", "table")
    list_filter = ("status", "event")
    list_select_related = ("event", "table", "requester__user", "invitee__user")
    search_fields = ("requester__user__email", "invitee__user__email", "event__title_en")
    date_hierarchy = "starts_at"

    actions = ["open_leads"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Meeting held: open the two companies' lead"))
    def open_leads(self, request, queryset):
        if not request.user.has_perm("leads.add_lead"):
            self.message_user(request, _("You may not open leads."), messages.ERROR)
            return
        opened = 0
        for meeting in queryset:
            try:
                _lead, created = meeting_lead_open(actor=request.user, meeting_id=meeting.pk)
            except ValidationError as error:
                self.message_user(request, f"{meeting}: {' '.join(error.messages)}", messages.ERROR)
                continue
            opened += created
        self.message_user(
            request, _("Leads opened: %(count)s.") % {"count": opened}, messages.SUCCESS
        )


@admin.register(MeetingTable)
class MeetingTableAdmin(admin.ModelAdmin):
    list_display = ("name", "event")
    list_filter = ("event",)
    list_select_related = ("event",)
    search_fields = ("name", "event__title_en")


class StandExhibitorInline(admin.TabularInline):
    model = StandExhibitor
    extra = 0
    autocomplete_fields = ("company",)
    fields = ("company", "created_at")
    readonly_fields = ("created_at",)


@admin.register(Stand)
class StandAdmin(admin.ModelAdmin):
    list_display = ("name_en", "event", "location")
    list_filter = ("event",)
    list_select_related = ("event",)
    search_fields = ("name_en", "name_de", "event__title_en")
    inlines = [StandExhibitorInline]


class DelegationApplicationInline(admin.TabularInline):
    """Read-only here: decisions go through the actions of the applications list, so that the
    seats hold and the companies are told."""

    model = DelegationApplication
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("company", "status", "motivation", "reason", "decided_by", "decided_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ("title_en", "event", "bridge", "travel_date", "seats_taken", "status")
    list_filter = ("status", "bridge", "event")
    list_select_related = ("event", "bridge")
    search_fields = ("title_en", "title_de", "event__title_en")
    inlines = [DelegationApplicationInline]
    fieldsets = (
        (None, {"fields": ("event", "bridge", "stand", "status")}),
        (_("Texts"), {"fields": ("title_en", "title_de", "description_en", "description_de")}),
        (_("Travel"), {"fields": ("travel_date", "travel_plan_en", "travel_plan_de")}),
        (_("Applications"), {"fields": ("application_deadline", "seats")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(bridge__in=bridges_managed_by(user=request.user))
            .annotate(
                selected=Count(
                    "applications",
                    filter=Q(applications__status=DelegationApplicationStatus.SELECTED),
                )
            )
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "bridge":
            kwargs["queryset"] = bridges_managed_by(user=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("selected / seats"))
    def seats_taken(self, delegation: Delegation) -> str:
        url = (
            reverse("admin:events_delegationapplication_changelist")
            + f"?delegation__id__exact={delegation.pk}"
        )
        return format_html(
            '<a href="{}">{} / {}</a>', url, getattr(delegation, "selected", 0), delegation.seats
        )


class DelegationDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the company will read it)"), widget=forms.Textarea(attrs={"rows": 4})
    )


@admin.register(DelegationApplication)
class DelegationApplicationAdmin(admin.ModelAdmin):
    """Staff select, decline or take a selection back; the seats hold even when two decide at
    once."""

    list_display = ("company", "delegation", "status", "created_at", "decided_by", "decided_at")
    list_filter = ("status", "delegation")
    list_select_related = ("company", "delegation", "decided_by")
    search_fields = ("company__name", "delegation__title_en", "motivation")
    fields = (
        "delegation",
        "company",
        "applied_by",
        "motivation",
        "status",
        "reason",
        "decided_by",
        "decided_at",
        "created_at",
    )
    readonly_fields = fields
    actions = ["select", "decline", "unselect"]

    def get_queryset(self, request):
        managed = bridges_managed_by(user=request.user)
        return super().get_queryset(request).filter(delegation__bridge__in=managed)

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Select the chosen companies for the delegation"))
    def select(self, request, queryset):
        self._decide(
            request, queryset, lambda pk: application_select(actor=request.user, application_id=pk)
        )

    @admin.action(description=_("Decline the chosen applications (asks for a reason)"))
    def decline(self, request, queryset):
        form = DelegationDeclineForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            self._decide(
                request,
                queryset,
                lambda pk: application_decline(
                    actor=request.user, application_id=pk, reason=reason
                ),
            )
            return None
        return TemplateResponse(
            request,
            "admin/decline_with_reason.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Decline applications"),
                "form": form,
                "rows": [
                    (a.pk, f"{a.company} – {a.delegation} ({a.get_status_display()})")
                    for a in queryset.select_related("company", "delegation")
                ],
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Take back the selection of the chosen companies (asks first)"))
    def unselect(self, request, queryset):
        if request.POST.get("confirmed") == "yes":
            self._decide(
                request,
                queryset,
                lambda pk: application_unselect(actor=request.user, application_id=pk),
            )
            return None
        return TemplateResponse(
            request,
            "events/delegations/admin_unselect.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Take back selections"),
                "applications": queryset.select_related("company", "delegation__stand"),
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def _decide(self, request, queryset, decide) -> None:
        decided = 0
        for pk in queryset.order_by("created_at", "pk").values_list("pk", flat=True):
            try:
                decide(pk)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR
                )
            else:
                decided += 1
        if decided:
            self.message_user(
                request,
                _("Applications decided: %(count)s.") % {"count": decided},
                messages.SUCCESS,
            )
