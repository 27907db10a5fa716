from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bridges import services
from bridges.forms import SettlementOfferForm, TwinningProjectForm
from bridges.models import Municipality, SettlementOffer, TwinningProject
from bridges.selectors import can_act_for_municipality, municipality_items


@require_GET
def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(
        Municipality.objects.select_related("district").prefetch_related("towns"), slug=slug
    )
    twinnings, offers = municipality_items(municipality=municipality)
    return render(
        request,
        "bridges/municipality_detail.html",
        {
            "municipality": municipality,
            "twinnings": twinnings,
            "offers": offers,
            "manages": can_act_for_municipality(user=request.user, municipality=municipality),
        },
    )


def _acted_for(request: HttpRequest, slug: str) -> Municipality:
    """The municipality of the URL, if this person acts for it; otherwise it does not exist."""
    municipality = get_object_or_404(Municipality, slug=slug)
    if not can_act_for_municipality(user=request.user, municipality=municipality):
        raise Http404
    return municipality


def _edit(request: HttpRequest, municipality: Municipality, form, *, title, saved) -> HttpResponse:
    """The one form page for a municipality's items: save through the service, or show."""
    if request.method == "POST" and form.is_valid():
        services.municipality_item_save(actor=request.user, municipality=municipality, form=form)
        messages.success(request, saved)
        return redirect("bridges:municipality", slug=municipality.slug)
    context = {"municipality": municipality, "form": form, "title": title}
    return render(request, "bridges/item_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def twinning_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    municipality = _acted_for(request, slug)
    project = None
    if pk is not None:
        project = get_object_or_404(TwinningProject, pk=pk, municipality=municipality)
    form = TwinningProjectForm(request.POST or None, instance=project, municipality=municipality)
    title = _("Change the twinning project") if project else _("New twinning project")
    return _edit(
        request, municipality, form, title=title, saved=_("The twinning project is saved.")
    )


@login_required
@require_POST
def twinning_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = _acted_for(request, slug)
    project = get_object_or_404(TwinningProject, pk=pk, municipality=municipality)
    services.twinning_end(actor=request.user, project=project)
    messages.success(request, _("The twinning project is marked as ended."))
    return redirect("bridges:municipality", slug=municipality.slug)


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    municipality = _acted_for(request, slug)
    offer = None
    if pk is not None:
        offer = get_object_or_404(SettlementOffer, pk=pk, municipality=municipality)
    form = SettlementOfferForm(request.POST or None, instance=offer)
    title = _("Change the settlement offer") if offer else _("New settlement offer")
    return _edit(
        request, municipality, form, title=title, saved=_("The settlement offer is saved.")
    )


@login_required
@require_POST
def offer_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = _acted_for(request, slug)
    offer = get_object_or_404(SettlementOffer, pk=pk, municipality=municipality)
    services.offer_withdraw(actor=request.user, offer=offer)
    messages.success(request, _("The settlement offer is withdrawn."))
    return redirect("bridges:municipality", slug=municipality.slug)
