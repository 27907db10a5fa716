"""The columns of a lead export, shared by the admin's export actions and the board's
download; the files themselves are written by `core.exports` (with its formula guard)."""

from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exports import export_response
from leads.models import Lead

EXPORT_FORMATS = ("csv", "xlsx")


def _date(value) -> str:
    return value.isoformat() if value else ""


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


# (label, getter): the labels are translated when the file is written.
LEAD_EXPORT_COLUMNS: tuple[tuple[Any, Callable[[Lead], Any]], ...] = (
    (_("bridge"), lambda lead: lead.bridge.slug),
    (_("kind"), lambda lead: lead.get_kind_display()),
    (_("stage"), lambda lead: lead.get_stage_display()),
    (_("company"), lambda lead: lead.company.name),
    (_("company country"), lambda lead: str(lead.company.country)),
    (_("partner"), lambda lead: str(lead.partner)),
    (_("settlement offer"), lambda lead: str(lead.offer) if lead.offer else ""),
    (_("owner"), lambda lead: lead.owner.email if lead.owner else ""),
    (_("next step on"), lambda lead: _date(lead.next_step_on)),
    (_("stage changed at"), lambda lead: _moment(lead.stage_changed_at)),
    (_("origin"), lambda lead: lead.get_origin_display()),
    (_("why these two"), lambda lead: lead.why),
    (_("why no fit"), lambda lead: lead.no_fit_reason),
    (_("notes"), lambda lead: lead.notes),
    (_("created at"), lambda lead: _moment(lead.created_at)),
)


def leads_export_response(leads: Iterable[Lead], *, file_format: str) -> HttpResponse:
    """The leads as a CSV or XLSX download named after today's date."""
    return export_response(
        filename=f"leads-{timezone.localdate():%Y-%m-%d}",
        file_format=file_format,
        header=[str(label) for label, _getter in LEAD_EXPORT_COLUMNS],
        rows=([getter(lead) for _label, getter in LEAD_EXPORT_COLUMNS] for lead in leads),
    )
