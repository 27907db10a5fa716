"""The staff's lead board: one column per stage, a move control on every card, a download.

Staff only: signed-out people are sent to sign in, everyone else gets a 404. Bridge managers
see and move the leads of their bridges. Moving works as a plain form post (back to the
board) and with htmx (the columns are swapped in place, the board keeps its scroll).
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.middleware import HtmxDetails

from leads import board as selectors
from leads.exports import EXPORT_FORMATS, leads_export_response
from leads.forms_staff import BoardFilterForm, LeadMoveForm
from leads.models import Lead
from leads.services import lead_move


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def staff_only(permission: str):
    """Signed out: to the sign-in page. Not staff, or without the permission: a 404."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not (request.user.is_staff and request.user.has_perm(permission)):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _filters(request: HttpRequest, data) -> tuple[BoardFilterForm, dict]:
    form = BoardFilterForm(data, user=request.user)
    return form, form.filters()


def _query(filters: dict) -> str:
    """The filters as they appear in the board's address (for links and redirects)."""
    values = {
        "bridge": filters["bridge"].slug if filters["bridge"] else "",
        "kind": filters["kind"],
    }
    return urlencode({name: value for name, value in values.items() if value})


def _board_url(filters: dict) -> str:
    query = _query(filters)
    return f"{reverse('leads:board')}?{query}" if query else reverse("leads:board")


def _board_context(request: HttpRequest, form: BoardFilterForm, filters: dict) -> dict:
    leads = selectors.board_leads_for(user=request.user, **filters)
    return {
        "filter_form": form,
        "filters": filters,
        "query": _query(filters),
        "columns": selectors.board_columns(leads),
        "stages": Lead._meta.get_field("stage").choices,
    }


@require_GET
@staff_only("leads.view_lead")
def board(request: HtmxHttpRequest) -> HttpResponse:
    form, filters = _filters(request, request.GET)
    context = _board_context(request, form, filters)
    template = "leads/board/_board.html" if request.htmx else "leads/board/board.html"
    return render(request, template, context)


@require_POST
@staff_only("leads.change_lead")
def move(request: HtmxHttpRequest, lead_id: int) -> HttpResponse:
    lead = selectors.board_lead_for(user=request.user, lead_id=lead_id)
    if lead is None:
        raise Http404
    form, filters = _filters(request, request.POST)
    move_form = LeadMoveForm(request.POST)
    if not move_form.is_valid():
        messages.error(request, _("Please choose a stage to move the lead to."))
    else:
        _move(request, lead, **move_form.cleaned_data)
    if request.htmx:
        context = _board_context(request, form, filters)
        return render(request, "leads/board/_moved.html", context)
    return redirect(f"{_board_url(filters)}#lead-{lead.pk}")


def _move(request: HttpRequest, lead: Lead, *, stage: str, reason: str) -> None:
    try:
        moved = lead_move(actor=request.user, lead_id=lead.pk, stage=stage, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return
    messages.success(
        request,
        _("%(lead)s: now “%(stage)s”.") % {"lead": moved, "stage": moved.get_stage_display()},
    )


@require_GET
@staff_only("leads.view_lead")
def export(request: HttpRequest) -> HttpResponse:
    _form, filters = _filters(request, request.GET)
    file_format = request.GET.get("format", "csv")
    if file_format not in EXPORT_FORMATS:
        messages.error(request, _("Please choose CSV or Excel (XLSX) for the download."))
        return redirect(_board_url(filters))
    leads = selectors.board_leads_for(user=request.user, **filters)
    return leads_export_response(leads, file_format=file_format)
