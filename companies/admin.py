import base64
import secrets
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from bridges.models import Bridge
from bridges.selectors import bridges_managed_by
from companies.enums import ContactSource, JoinRequestStatus, MembershipStatus
from companies.forms import CompanyAdminForm, CompanyImportForm
from companies.importing import ImportFileError, import_companies
from companies.models import (
    BridgeMembership,
    Company,
    CompanyContact,
    CompanyInvite,
    CompanyMember,
    JoinRequest,
)
from companies.self_service.services import join_request_decide
from companies.services import contacts_send_privacy_notice, membership_decide
from companies.vocabulary import write_vocabulary
from core.admin_actions import ExportMixin
from core.admin_filters import CountryInUseFilter
from notifications.admin_filters import UndeliverableFilter, undeliverable_since

IMPORT_SESSION_KEY = "companies.import.pending"
# The example of the import guide (docs/import.md), offered for download on the import page.
EXAMPLE_FILE = Path(settings.BASE_DIR) / "docs" / "import-example.csv"


def _names(related) -> str:
    return "; ".join(obj.slug for obj in related.all())


class CompanyMemberInline(admin.TabularInline):
    model = CompanyMember
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "role", "joined_at")
    readonly_fields = ("joined_at",)


class CompanyContactInline(admin.TabularInline):
    model = CompanyContact
    extra = 0
    # Staff entering a contact here record it as "entered by staff" (see CompanyAdmin).
    fields = (
        "name",
        "role",
        "email",
        "undeliverable",
        "phone",
        "source",
        "informed_at",
        "objected_at",
    )
    readonly_fields = ("undeliverable", "source", "informed_at", "objected_at")

    @admin.display(description=_("e-mail deliverability"))
    def undeliverable(self, obj) -> str:
        return undeliverable_since(obj.email)


class BridgeMembershipInline(admin.TabularInline):
    """A company's memberships, limited to the bridges the viewer manages."""

    model = BridgeMembership
    extra = 0
    fields = ("bridge", "status", "motivation", "reason", "decided_by", "decided_at")
    # Decisions go through the membership list's actions, which check and record them.
    readonly_fields = ("status", "motivation", "reason", "decided_by", "decided_at")

    def get_queryset(self, request):
        managed = bridges_managed_by(user=request.user)
        return (
            super()
            .get_queryset(request)
            .filter(bridge__in=managed)
            .select_related("bridge", "decided_by")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "bridge":
            kwargs["queryset"] = bridges_managed_by(user=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MemberOfBridgeFilter(admin.SimpleListFilter):
    title = _("bridge")
    parameter_name = "bridge"

    def lookups(self, request, model_admin):
        return [(bridge.slug, bridge.name) for bridge in Bridge.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(bridge_memberships__bridge__slug=self.value())
        return queryset


@admin.register(Company)
class CompanyAdmin(ExportMixin, SimpleHistoryAdmin):
    form = CompanyAdminForm
    list_display = (
        "name",
        "place",
        "size_short",
        "visibility",
        "open_to_matching",
        "bridge_list",
    )
    list_filter = (
        MemberOfBridgeFilter,
        CountryInUseFilter,
        "visibility",
        "size",
        "open_to_matching",
        "origin",
        "sectors",
    )
    list_select_related = ("home_municipality",)
    search_fields = ("name", "city", "website", "register_id", "description_en", "description_de")
    autocomplete_fields = ("home_municipality", "sectors", "offers", "seeks", "partnership_types")
    readonly_fields = ("origin", "created_at", "updated_at")
    inlines = [BridgeMembershipInline, CompanyMemberInline, CompanyContactInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "country",
                    "city",
                    "postcode",
                    "home_municipality",
                    "website",
                    "register_id",
                    "founded",
                    "size",
                    "logo",
                )
            },
        ),
        (_("Description"), {"fields": ("description_en", "description_de")}),
        (
            _("Matching"),
            {
                "fields": (
                    "sectors",
                    "offers",
                    "seeks",
                    "partnership_types",
                    "open_to_matching",
                    "visibility",
                )
            },
        ),
        (
            _("Settlement in the Ruhr"),
            {
                "fields": (
                    "settlement_timeline",
                    "settlement_headcount",
                    "settlement_needs",
                    "settlement_contact_allowed",
                )
            },
        ),
        (_("Record"), {"fields": ("origin", "created_at", "updated_at")}),
    )
    export_columns = (
        (_("name"), lambda c: c.name),
        (_("country"), lambda c: c.country.code),
        (_("city"), lambda c: c.city),
        (_("postcode"), lambda c: c.postcode),
        (_("website"), lambda c: c.website),
        (_("size"), lambda c: c.size),
        (_("founded (year)"), lambda c: c.founded),
        (_("sectors"), lambda c: _names(c.sectors)),
        (_("offers"), lambda c: _names(c.offers)),
        (_("seeks"), lambda c: _names(c.seeks)),
        (_("partnership types"), lambda c: _names(c.partnership_types)),
        (_("visibility"), lambda c: c.visibility),
        (_("description (English)"), lambda c: c.description_en),
        (_("description (German)"), lambda c: c.description_de),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "bridge_memberships",
                    queryset=BridgeMembership.objects.select_related("bridge").order_by(
                        "bridge__slug"
                    ),
                )
            )
        )

    def get_export_queryset(self, queryset):
        return queryset.prefetch_related("sectors", "offers", "seeks", "partnership_types")

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="companies_company_import",
            ),
            path(
                "import/vocabulary.csv",
                self.admin_site.admin_view(self.vocabulary_view),
                name="companies_company_import_vocabulary",
            ),
            path(
                "import/example.csv",
                self.admin_site.admin_view(self.example_view),
                name="companies_company_import_example",
            ),
            *super().get_urls(),
        ]

    def vocabulary_view(self, request):
        """The slugs a file may use: the same CSV as `import_companies --list-vocabulary`."""
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="ruhrbridge-vocabulary.csv"'
        with translation.override("en"):
            write_vocabulary(response)
        return response

    def example_view(self, request):
        return FileResponse(
            EXAMPLE_FILE.open("rb"),
            as_attachment=True,
            filename="ruhrbridge-import-example.csv",
            content_type="text/csv; charset=utf-8",
        )

    def import_view(self, request):
        """Check an uploaded file (a dry run), then import it when staff confirm."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        pending = request.session.get(IMPORT_SESSION_KEY)
        if request.method == "POST" and pending and request.POST.get("confirm") == pending["token"]:
            return self._import_confirmed(request, pending)
        form = CompanyImportForm(request.POST or None, request.FILES or None, user=request.user)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import companies"),
            "form": form,
        }
        if request.method == "POST" and form.is_valid():
            upload, bridge = form.cleaned_data["file"], form.cleaned_data["bridge"]
            content = upload.read()
            try:
                result = import_companies(content, upload.name, bridge=bridge, dry_run=True)
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                context["result"] = result
                if result.ok:
                    context["token"] = secrets.token_urlsafe(16)
                    request.session[IMPORT_SESSION_KEY] = {
                        "token": context["token"],
                        "name": upload.name,
                        "bridge": bridge.slug if bridge else None,
                        "content": base64.b64encode(content).decode(),
                    }
        return TemplateResponse(request, "admin/companies/company/import.html", context)

    def _import_confirmed(self, request, pending):
        del request.session[IMPORT_SESSION_KEY]
        bridge = (
            Bridge.objects.filter(slug=pending["bridge"]).first() if pending["bridge"] else None
        )
        result = import_companies(
            base64.b64decode(pending["content"]), pending["name"], bridge=bridge
        )
        if result.ok:
            self.message_user(
                request,
                _("Imported %(file)s: %(summary)s.")
                % {"file": pending["name"], "summary": result.summary()},
                messages.SUCCESS,
            )
        else:
            # The data changed between check and import (someone else imported meanwhile).
            self.message_user(
                request,
                _("%(file)s could not be imported after all: %(errors)s")
                % {"file": pending["name"], "errors": "; ".join(map(str, result.errors[:5]))},
                messages.ERROR,
            )
        return redirect("admin:companies_company_changelist")

    def save_formset(self, request, form, formset, change):
        if formset.model is CompanyContact:
            for contact_form in formset.forms:
                if not contact_form.instance.pk:
                    contact_form.instance.source = ContactSource.STAFF
        super().save_formset(request, form, formset, change)

    @admin.display(description=_("place"), ordering="city")
    def place(self, company: Company) -> str:
        if company.home_municipality and company.home_municipality.name != company.city:
            return f"{company.city} ({company.home_municipality.name})"
        return f"{company.city}, {company.country.code}" if company.city else company.country.code

    @admin.display(description=_("size"), ordering="size")
    def size_short(self, company: Company) -> str:
        return company.get_size_display().split(" (")[0]

    @admin.display(description=_("bridges"))
    def bridge_list(self, company: Company) -> str:
        # Approved is the usual case; only the others carry their status.
        return ", ".join(
            membership.bridge.slug
            if membership.status == MembershipStatus.APPROVED
            else f"{membership.bridge.slug} ({membership.get_status_display()})"
            for membership in company.bridge_memberships.all()
        )


def _short_date(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT") if moment else "–"


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the company will read it)"), widget=forms.Textarea(attrs={"rows": 4})
    )


@admin.register(BridgeMembership)
class BridgeMembershipAdmin(ExportMixin, SimpleHistoryAdmin):
    list_display = (
        "company",
        "company_country",
        "bridge_short",
        "status",
        "applied_on",
        "decided_by",
        "decided_on",
    )
    list_filter = ("status", "bridge")
    list_select_related = ("company", "bridge", "decided_by")
    search_fields = ("company__name", "company__register_id")
    autocomplete_fields = ("company",)
    readonly_fields = ("status", "register_id", "applied_at", "decided_by", "decided_at")
    fields = (
        "company",
        "register_id",
        "bridge",
        "status",
        "motivation",
        "reason",
        "applied_at",
        "decided_by",
        "decided_at",
    )
    actions = [*ExportMixin.actions, "approve", "decline"]
    export_columns = (
        (_("company"), lambda m: m.company.name),
        (_("country"), lambda m: m.company.country.code),
        (_("bridge"), lambda m: m.bridge.slug),
        (_("status"), lambda m: m.status),
        (_("applied at"), lambda m: m.applied_at.isoformat()),
        (_("reason"), lambda m: m.reason),
    )

    @admin.display(description=_("bridge"), ordering="bridge__slug")
    def bridge_short(self, membership: BridgeMembership) -> str:
        return membership.bridge.short_name

    @admin.display(description=_("applied on"), ordering="applied_at")
    def applied_on(self, membership: BridgeMembership) -> str:
        return _short_date(membership.applied_at)

    @admin.display(description=_("decided on"), ordering="decided_at")
    def decided_on(self, membership: BridgeMembership) -> str:
        return _short_date(membership.decided_at)

    def get_queryset(self, request):
        return (
            super().get_queryset(request).filter(bridge__in=bridges_managed_by(user=request.user))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "bridge":
            kwargs["queryset"] = bridges_managed_by(user=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("country"), ordering="company__country")
    def company_country(self, membership: BridgeMembership) -> str:
        return membership.company.country.code

    @admin.display(description=_("register number"))
    def register_id(self, membership: BridgeMembership) -> str:
        return membership.company.register_id or "–"

    @admin.action(description=_("Approve the selected applications"))
    def approve(self, request, queryset):
        self._decide(request, queryset, approve=True, reason="")

    @admin.action(description=_("Decline the selected applications (asks for a reason)"))
    def decline(self, request, queryset):
        form = DeclineForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._decide(request, queryset, approve=False, reason=form.cleaned_data["reason"])
            return None
        return TemplateResponse(
            request,
            "admin/decline_with_reason.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Decline applications"),
                "form": form,
                "rows": [
                    (m.pk, f"{m.company} – {m.bridge} ({m.get_status_display()})")
                    for m in queryset.select_related("company", "bridge")
                ],
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def _decide(self, request, queryset, *, approve: bool, reason: str) -> None:
        decided = 0
        for membership in queryset.filter(status=MembershipStatus.APPLIED):
            try:
                membership_decide(
                    actor=request.user,
                    membership_id=membership.pk,
                    approve=approve,
                    reason=reason,
                    base_url=request.build_absolute_uri("/"),
                )
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR
                )
            else:
                decided += 1
        skipped = queryset.exclude(status=MembershipStatus.APPLIED).count()
        if decided:
            self.message_user(
                request,
                ngettext(
                    "%(count)d application decided.", "%(count)d applications decided.", decided
                )
                % {"count": decided},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected membership was not an open application and was left "
                    "as it is.",
                    "%(count)d selected memberships were not open applications and were left as "
                    "they are.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )


@admin.register(CompanyContact)
class CompanyContactAdmin(ExportMixin, admin.ModelAdmin):
    list_display = (
        "name",
        "company",
        "role",
        "email",
        "source",
        "recorded_at",
        "informed_at",
        "objected_at",
    )
    list_filter = (
        "source",
        ("informed_at", admin.EmptyFieldListFilter),
        ("objected_at", admin.EmptyFieldListFilter),
        UndeliverableFilter,
    )
    list_select_related = ("company",)
    search_fields = ("name", "email", "company__name")
    autocomplete_fields = ("company",)
    readonly_fields = (
        "undeliverable",
        "email_digest",
        "source",
        "recorded_at",
        "informed_at",
        "objected_at",
    )

    @admin.display(description=_("e-mail deliverability"))
    def undeliverable(self, obj) -> str:
        return undeliverable_since(obj.email)

    export_columns = (
        (_("name"), lambda c: c.name),
        (_("company"), lambda c: c.company.name),
        (_("role"), lambda c: c.role),
        (_("e-mail"), lambda c: c.email),
        (_("phone"), lambda c: c.phone),
        (_("source"), lambda c: c.source),
        (_("informed at"), lambda c: c.informed_at.isoformat() if c.informed_at else ""),
        (_("objected at"), lambda c: c.objected_at.isoformat() if c.objected_at else ""),
    )

    actions = [*ExportMixin.actions, "send_privacy_notice"]

    def get_export_queryset(self, queryset):
        return queryset.select_related("company")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.source = ContactSource.STAFF
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Send the privacy notice (Art. 14 GDPR) to the selected contacts"))
    def send_privacy_notice(self, request, queryset):
        sent = contacts_send_privacy_notice(
            actor=request.user,
            contact_ids=list(queryset.values_list("pk", flat=True)),
            base_url=request.build_absolute_uri("/"),
        )
        skipped = queryset.count() - sent
        self.message_user(
            request,
            ngettext(
                "Privacy notice sent to %(count)d contact.",
                "Privacy notice sent to %(count)d contacts.",
                sent,
            )
            % {"count": sent},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d contact was skipped: already informed, objected or without e-mail.",
                    "%(count)d contacts were skipped: already informed, objected or without "
                    "e-mail.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )


# --- Self-service: claims and requests to join, invites ------------------------------------


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    """Staff decide claims of companies without members (and may decide any request)."""

    list_display = ("company", "user", "kind", "status", "created_at", "decided_by")
    list_filter = ("status", "kind")
    list_select_related = ("company", "user", "decided_by")
    search_fields = ("company__name", "user__email")
    readonly_fields = (
        "company",
        "user",
        "kind",
        "status",
        "message",
        "contact_match",
        "created_at",
        "decided_by",
        "decided_at",
    )
    fields = readonly_fields
    actions = ["approve", "decline"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("website and e-mail domain"))
    def contact_match(self, obj: JoinRequest) -> str:
        domain = obj.user.email.rpartition("@")[2]
        return f"{obj.company.website or '–'} · @{domain}"

    @admin.action(description=_("Approve the selected requests"))
    def approve(self, request, queryset):
        self._decide(request, queryset, approve=True)

    @admin.action(description=_("Decline the selected requests"))
    def decline(self, request, queryset):
        self._decide(request, queryset, approve=False)

    def _decide(self, request, queryset, *, approve: bool) -> None:
        decided = 0
        for join_request in queryset.filter(status=JoinRequestStatus.PENDING):
            try:
                join_request_decide(
                    actor=request.user,
                    request_id=join_request.pk,
                    approve=approve,
                    base_url=request.build_absolute_uri("/"),
                )
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR
                )
            else:
                decided += 1
        if decided:
            self.message_user(
                request,
                ngettext("%(count)d request decided.", "%(count)d requests decided.", decided)
                % {"count": decided},
                messages.SUCCESS,
            )


@admin.register(CompanyInvite)
class CompanyInviteAdmin(admin.ModelAdmin):
    list_display = (
        "email",
        "company",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
    )
    list_select_related = ("company", "invited_by")
    search_fields = ("email", "company__name")
    readonly_fields = (
        "company",
        "email",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_by",
        "accepted_at",
        "revoked_at",
    )
    fields = readonly_fields

    def has_add_permission(self, request) -> bool:
        return False
