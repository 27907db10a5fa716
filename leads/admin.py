"""The staff workbench of introductions and leads.

Staff open a lead directly when two parties agreed offline, and broker introductions (both
sides are asked by e-mail). Both go through `leads.services`, like a stage change on the
lead's page. Bridge managers see their bridges' rows only; superusers see all.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from bridges.selectors import bridges_managed_by
from core.admin_actions import ExportMixin
from leads.enums import LeadOrigin, LeadStage
from leads.exports import LEAD_EXPORT_COLUMNS
from leads.forms_staff import IntroductionBrokerForm, LeadChangeForm, LeadOpenForm
from leads.models import Introduction, Lead, LeadOutcome
from leads.services import introduction_broker, lead_move, lead_open

STAGE_FIELDS = {"stage", "no_fit_reason"}


class _ManagedBridgesMixin:
    """Bridge managers see their bridges' rows only; superusers see all."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)  # type: ignore[misc]
        if request.user.is_superuser:
            return queryset
        return queryset.filter(bridge__in=bridges_managed_by(user=request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "bridge":
            kwargs["queryset"] = bridges_managed_by(user=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def _form_page(self, request, form, *, title, intro, submit):
        """A page of the admin with one form of `forms_staff` (the add pages)."""
        opts = self.model._meta  # type: ignore[attr-defined]
        context = {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "opts": opts,
            "title": title,
            "intro": intro,
            "submit": submit,
            "form": form,
            "media": self.media + form.media,  # type: ignore[attr-defined]
        }
        return TemplateResponse(request, "admin/leads/form.html", context)


class LeadOutcomeInline(admin.TabularInline):
    """What the companies reported: theirs to say, so staff read it only."""

    model = LeadOutcome
    extra = 0
    can_delete = False
    fields = ("company", "outcome", "reason", "reported_by", "reported_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("company", "reported_by")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Lead)
class LeadAdmin(_ManagedBridgesMixin, ExportMixin, SimpleHistoryAdmin):
    form = LeadChangeForm
    list_display = (
        "parties",
        "bridge_short",
        "kind",
        "stage",
        "owner_name",
        "next_step_on",
        "stage_changed_at",
    )
    list_filter = (
        ("bridge", admin.RelatedOnlyFieldListFilter),
        "kind",
        "stage",
        ("owner", admin.RelatedOnlyFieldListFilter),
        "origin",
    )
    list_select_related = ("bridge", "company", "partner_company", "municipality", "owner")
    search_fields = ("company__name", "partner_company__name", "municipality__name")
    autocomplete_fields = ("owner", "offer")
    # Who the lead is between stays as it was opened; the pipeline fields are staff's.
    readonly_fields = (
        "bridge",
        "kind",
        "company",
        "partner_company",
        "municipality",
        "introduction",
        "origin",
        "created_at",
        "stage_changed_at",
    )
    fieldsets = (
        (
            _("Parties"),
            {
                "fields": (
                    "bridge",
                    "kind",
                    "company",
                    "partner_company",
                    "municipality",
                    "offer",
                    "introduction",
                    "origin",
                )
            },
        ),
        (_("Pipeline"), {"fields": ("stage", "no_fit_reason", "owner", "next_step_on")}),
        (_("Notes"), {"fields": ("why", "notes")}),
        (_("Record"), {"fields": ("created_at", "stage_changed_at")}),
    )
    inlines = [LeadOutcomeInline]
    export_columns = LEAD_EXPORT_COLUMNS

    @admin.display(description=_("parties"), ordering="company__name")
    def parties(self, lead: Lead) -> str:
        return str(lead)

    @admin.display(description=_("bridge"), ordering="bridge__slug")
    def bridge_short(self, lead: Lead) -> str:
        return lead.bridge.short_name

    @admin.display(description=_("owner"), ordering="owner__full_name")
    def owner_name(self, lead: Lead) -> str:
        return lead.owner.get_full_name() if lead.owner else "–"

    def get_export_queryset(self, queryset):
        return queryset.select_related(
            "bridge", "company", "partner_company", "municipality", "offer", "owner"
        )

    def add_view(self, request, form_url="", extra_context=None):
        """Open a lead for two parties who already agreed offline (origin: staff)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = LeadOpenForm(
            request.POST or None, user=request.user, initial={"owner": request.user.pk}
        )
        if request.method == "POST" and form.is_valid():
            lead = self._open(request, form)
            if lead is not None:
                self.log_addition(request, lead, [{"added": {}}])
                self.message_user(
                    request, _("The lead %(lead)s is open.") % {"lead": lead}, messages.SUCCESS
                )
                return redirect("admin:leads_lead_change", lead.pk)
        return self._form_page(
            request,
            form,
            title=_("Open a lead"),
            intro=_(
                "For two parties who already agreed to work together, for example after a "
                "meeting at an event. To ask two companies first, broker an introduction."
            ),
            submit=_("Open the lead"),
        )

    @transaction.atomic
    def _open(self, request, form) -> Lead | None:
        data = form.cleaned_data
        lead, created = lead_open(
            actor=request.user,
            bridge=data["bridge"],
            kind=data["kind"],
            company=data["company"],
            partner_company=data["partner_company"],
            municipality=data["municipality"],
            offer=data["offer"],
            origin=LeadOrigin.STAFF,
            stage=data["stage"],
            why=data["why"],
        )
        if not created:
            form.add_error(
                None,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("These two already have a lead (%(stage)s).")
                    % {"stage": lead.get_stage_display()},
                    reverse("admin:leads_lead_change", args=[lead.pk]),
                    _("Open it"),
                ),
            )
            return None
        if lead.owner != data["owner"]:
            lead.owner = data["owner"]
            lead.save(update_fields=["owner"])
        return lead

    def save_model(self, request, obj, form, change):
        """A stage change goes through `lead_move` (its rule, its history note); the other
        fields are saved as usual."""
        moving = "stage" in form.changed_data or (
            obj.stage == LeadStage.NO_FIT and "no_fit_reason" in form.changed_data
        )
        if not (change and moving):
            super().save_model(request, obj, form, change)
            return
        stage, reason = obj.stage, obj.no_fit_reason
        if set(form.changed_data) - STAGE_FIELDS:
            obj.stage, obj.no_fit_reason = form.initial["stage"], form.initial["no_fit_reason"]
            super().save_model(request, obj, form, change)
        moved = lead_move(actor=request.user, lead_id=obj.pk, stage=stage, reason=reason)
        obj.stage, obj.no_fit_reason = moved.stage, moved.no_fit_reason
        obj.stage_changed_at = moved.stage_changed_at


class BrokeredFilter(admin.SimpleListFilter):
    title = _("brokered by staff")
    parameter_name = "brokered"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(brokered_by__isnull=False)
        if self.value() == "no":
            return queryset.filter(brokered_by__isnull=True)
        return queryset


@admin.register(Introduction)
class IntroductionAdmin(_ManagedBridgesMixin, admin.ModelAdmin):
    list_display = (
        "requester",
        "asked_party",
        "bridge_short",
        "status",
        "brokered_by",
        "created_at",
        "expires_at",
    )
    list_filter = ("status", ("bridge", admin.RelatedOnlyFieldListFilter), BrokeredFilter)
    list_select_related = (
        "requester",
        "recipient",
        "recipient_municipality",
        "bridge",
        "brokered_by",
    )
    search_fields = ("requester__name", "recipient__name", "recipient_municipality__name")
    date_hierarchy = "created_at"
    readonly_fields = ("asked_party",)

    @admin.display(description=_("bridge"), ordering="bridge__slug")
    def bridge_short(self, introduction: Introduction) -> str:
        return introduction.bridge.short_name

    @admin.display(description=_("asked"), ordering="recipient__name")
    def asked_party(self, introduction: Introduction) -> str:
        """The asked company, or the municipality (which says so)."""
        if introduction.recipient_municipality_id is not None:
            return _("%(name)s (municipality)") % {"name": introduction.asked}
        return str(introduction.asked)

    def get_fields(self, request, obj=None):
        # The asked party in one line, whichever it is, instead of two fields one of them
        # always empty.
        fields = [
            name
            for name in super().get_fields(request, obj)
            if name not in ("recipient", "recipient_municipality", "asked_party")
        ]
        fields.insert(fields.index("requester") + 1, "asked_party")
        return fields

    def has_change_permission(self, request, obj=None) -> bool:
        # Answers, withdrawals and expiry are the companies' and the services' to record.
        return False

    def add_view(self, request, form_url="", extra_context=None):
        """Broker an introduction: both sides are asked by e-mail and must both say yes."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = IntroductionBrokerForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                introduction = introduction_broker(
                    actor=request.user,
                    bridge=data["bridge"],
                    first=data["first"],
                    second=data["second"],
                    municipality=data["municipality"],
                    why=data["why"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.log_addition(request, introduction, [{"added": {}}])
                self.message_user(
                    request,
                    _("%(first)s and %(second)s are asked by e-mail; both must say yes.")
                    % {"first": data["first"].name, "second": form.asked.name},
                    messages.SUCCESS,
                )
                return redirect("admin:leads_introduction_changelist")
        return self._form_page(
            request,
            form,
            title=_("Broker an introduction"),
            intro=_(
                "Both sides – two companies, or a company and a municipality – get an e-mail "
                "with your reason and are introduced once both say yes. Until then neither "
                "sees the other's contact persons."
            ),
            submit=_("Ask both sides"),
        )
