"""The Matches page: a company's explained partner list on one bridge, for its own people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridges.models import Bridge
from companies.models import Company
from companies.self_service.access import company_for_person
from matchmaking import selectors, services
from matchmaking.enums import PairState
from matchmaking.filters import MatchListFilter
from matchmaking.profiles import vocabulary_cached

PAGE_SIZE = 20
DECIDABLE_STATES = (PairState.INTERESTED, PairState.NOT_INTERESTED)


def _partner_for(company: Company, bridge: Bridge, partner_id: int) -> Company:
    partner = selectors.partner_for_pair(company=company, bridge=bridge, partner_id=partner_id)
    if partner is None:
        raise Http404
    return partner


def _back(request: HttpRequest, company: Company, bridge: Bridge) -> HttpResponse:
    response = redirect("matches:list", company.pk, bridge.slug)
    page = request.POST.get("page", "")
    if page.isdigit():
        response["Location"] += f"?page={page}"
    return response


@login_required
def match_list(request: HttpRequest, company_id: int, bridge_slug: str) -> HttpResponse:
    company, member = company_for_person(request, company_id)
    bridge = get_object_or_404(Bridge, slug=bridge_slug)
    context = {"section": "bridges", "company": company, "member": member, "bridge": bridge}
    context["blocker"] = selectors.matches_blocker_for(company=company, bridge=bridge)
    if context["blocker"] is None:
        matches = selectors.match_list_for(company=company, bridge=bridge)
        filters = MatchListFilter(
            request.GET, queryset=matches, countries=selectors.partner_countries(bridge=bridge)
        )
        page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context.update(page=page, filters=filters, query=query.urlencode())
        context["filtered"] = any(request.GET.get(name) for name in filters.filters)
        context["cards"] = selectors.match_cards(
            page.object_list,
            company=company,
            bridge=bridge,
            language=get_language(),
            vocabulary=vocabulary_cached(),
        )
        if not context["cards"]:
            context["empty"] = (
                "filtered" if context["filtered"] else selectors.matches_empty_reason(bridge=bridge)
            )
    return render(request, "matchmaking/matches.html", context)


@login_required
def hidden_list(request: HttpRequest, company_id: int, bridge_slug: str) -> HttpResponse:
    company, member = company_for_person(request, company_id)
    bridge = get_object_or_404(Bridge, slug=bridge_slug)
    pairs = selectors.hidden_partners_for(company=company, bridge=bridge)
    context = {"section": "bridges", "company": company, "member": member, "bridge": bridge}
    context["page"] = Paginator(pairs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "matchmaking/hidden.html", context)


@require_POST
@login_required
def pair_decide(
    request: HttpRequest, company_id: int, bridge_slug: str, partner_id: int
) -> HttpResponse:
    company, _member = company_for_person(request, company_id)
    bridge = get_object_or_404(Bridge, slug=bridge_slug)
    partner = _partner_for(company, bridge, partner_id)
    state = request.POST.get("state")
    if state not in DECIDABLE_STATES:
        messages.error(request, _("Please choose “Interested” or “Not interested”."))
        return _back(request, company, bridge)
    services.match_pair_set(
        actor=request.user, bridge=bridge, company=company, partner=partner, state=state
    )
    if state == PairState.NOT_INTERESTED:
        text = _("%(partner)s is hidden. You can show it again under “Hidden”.")
    else:
        text = _("Noted: you are interested in %(partner)s.")
    messages.success(request, text % {"partner": partner.name})
    return _back(request, company, bridge)


@require_POST
@login_required
def pair_clear(
    request: HttpRequest, company_id: int, bridge_slug: str, partner_id: int
) -> HttpResponse:
    company, _member = company_for_person(request, company_id)
    bridge = get_object_or_404(Bridge, slug=bridge_slug)
    partner = _partner_for(company, bridge, partner_id)
    services.match_pair_clear(bridge=bridge, company=company, partner=partner)
    messages.success(
        request,
        _("%(partner)s can be suggested again; its place in your list is being worked out.")
        % {"partner": partner.name},
    )
    return redirect("matches:hidden", company.pk, bridge.slug)
