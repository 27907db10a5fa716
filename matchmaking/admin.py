"""The staff workbench of matchmaking: runs with their progress, stored matches, pairs."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bridges.models import Bridge
from bridges.selectors import bridges_managed_by, can_manage_bridge
from core.admin_actions import ExportMixin
from core.choices import ModelChoiceField
from matchmaking.enums import ChunkStatus, MatchKind, RunTrigger
from matchmaking.exports import RUHR_OFFER_COUNTRY, reasons_text
from matchmaking.models import Match, MatchChunk, MatchPair, MatchRun
from matchmaking.profiles import vocabulary_cached
from matchmaking.services import match_run_start


class _ManagedBridgesMixin:
    """Bridge managers see their bridges' rows only; superusers see all."""

    bridge_field = "bridge"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)  # type: ignore[misc]
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            **{f"{self.bridge_field}__in": bridges_managed_by(user=request.user)}
        )


class MatchChunkInline(admin.TabularInline):
    model = MatchChunk
    extra = 0
    can_delete = False
    fields = (
        "index",
        "status",
        "attempts",
        "heartbeat_at",
        "rows",
        "explain_seconds",
        "write_seconds",
        "error",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class StartRunsForm(forms.Form):
    bridge = ModelChoiceField(queryset=Bridge.objects.none(), label=_("bridge"))
    kind = forms.ChoiceField(
        label=_("kind"),
        choices=[("", _("both kinds")), *MatchKind.choices],
        required=False,
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bridge"].queryset = bridges_managed_by(user=user)


@admin.register(MatchRun)
class MatchRunAdmin(_ManagedBridgesMixin, admin.ModelAdmin):
    list_display = (
        "id",
        "bridge",
        "kind",
        "status_badge",
        "trigger",
        "progress",
        "duration",
        "rows_written",
        "created_at",
        "started_by",
    )
    list_filter = ("status", "kind", "trigger", "bridge")
    list_select_related = ("bridge", "started_by")
    inlines = [MatchChunkInline]
    actions = ["start_again"]
    exclude = ("thresholds",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(chunks_done=Count("chunks", filter=Q(chunks__status=ChunkStatus.DONE)))
        )

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields if field.name != "thresholds"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, run: MatchRun):
        return format_html(
            '<span class="match-run-status {}" title="{}">{}</span>',
            run.status,
            run.error,
            run.get_status_display(),
        )

    @admin.display(description=_("chunks done"))
    def progress(self, run: MatchRun) -> str:
        return f"{getattr(run, 'chunks_done', 0)}/{run.chunks_total}"

    @admin.display(description=_("duration"))
    def duration(self, run: MatchRun) -> str:
        if run.started_at is None:
            return "–"
        end = run.finished_at or timezone.now()
        return f"{(end - run.started_at).total_seconds():.1f} s"

    @admin.action(description=_("Start a new run for the same bridge and kind"))
    def start_again(self, request, queryset) -> None:
        started = 0
        for bridge_id, kind in set(queryset.values_list("bridge_id", "kind")):
            bridge = Bridge.objects.get(pk=bridge_id)
            if not can_manage_bridge(user=request.user, bridge=bridge):
                raise PermissionDenied
            _run, created = match_run_start(
                bridge=bridge, kind=kind, trigger=RunTrigger.STAFF, started_by=request.user
            )
            started += created
        self.message_user(
            request,
            ngettext("%(count)d run started.", "%(count)d runs started.", started)
            % {"count": started},
            messages.SUCCESS,
        )

    def get_urls(self):
        start = path(
            "start/", self.admin_site.admin_view(self.start_view), name="matchmaking_matchrun_start"
        )
        return [start, *super().get_urls()]

    def start_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = StartRunsForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            bridge = form.cleaned_data["bridge"]
            kinds = [form.cleaned_data["kind"]] if form.cleaned_data["kind"] else MatchKind.values
            for kind in kinds:
                run, created = match_run_start(
                    bridge=bridge, kind=kind, trigger=RunTrigger.STAFF, started_by=request.user
                )
                message = (
                    _("Run #%(run)s (%(kind)s) started.")
                    if created
                    else _("Run #%(run)s (%(kind)s) was already active; no second one was started.")
                )
                self.message_user(
                    request, message % {"run": run.pk, "kind": run.get_kind_display()}
                )
            return redirect("admin:matchmaking_matchrun_changelist")
        context = {**self.admin_site.each_context(request), "form": form, "opts": self.model._meta}
        return TemplateResponse(request, "admin/matchmaking/matchrun/start.html", context)


def _partner_country(match: Match) -> str:
    return str(match.partner_company.country) if match.partner_company else RUHR_OFFER_COUNTRY


@admin.register(Match)
class MatchAdmin(_ManagedBridgesMixin, ExportMixin, admin.ModelAdmin):
    list_display = (
        "company",
        "bridge_short",
        "kind",
        "rank",
        "partner_name",
        "score_2",
        "scored_at",
    )
    # The columns of export_matches, for staff who want the current selection in Excel.
    export_columns = (
        ("company", lambda match: match.company.name),
        ("company_country", lambda match: str(match.company.country)),
        ("partner", lambda match: str(match.partner)),
        ("partner_country", _partner_country),
        ("rank", lambda match: match.rank),
        ("score", lambda match: round(match.score, 4)),
        ("reasons_en", lambda match: match.reasons_en),
        ("kind", lambda match: match.kind),
    )

    @admin.display(description=_("bridge"), ordering="bridge__slug")
    def bridge_short(self, match: Match) -> str:
        return match.bridge.short_name

    @admin.display(description=_("score"), ordering="score")
    def score_2(self, match: Match) -> str:
        return formats.number_format(match.score, 2)

    def get_export_queryset(self, queryset):
        vocabulary = vocabulary_cached()
        for match in queryset.select_related("company", "partner_company", "partner_offer"):
            match.reasons_en = reasons_text(
                match.reasons,
                vocabulary=vocabulary,
                owner=match.company.name,
                partner=str(match.partner),
            )
            yield match

    list_filter = ("kind", "bridge")
    list_select_related = ("company", "bridge", "partner_company", "partner_offer")
    search_fields = ("company__name", "partner_company__name")
    ordering = ("company__name", "kind", "rank")
    list_per_page = 100

    @admin.display(description=_("partner"))
    def partner_name(self, match: Match) -> str:
        return str(match.partner)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(MatchPair)
class MatchPairAdmin(_ManagedBridgesMixin, admin.ModelAdmin):
    list_display = ("company", "partner", "state", "bridge", "updated_at")
    list_filter = ("state", "bridge")
    list_select_related = ("company", "partner", "bridge")
    search_fields = ("company__name", "partner__name")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
