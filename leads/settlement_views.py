"""The Settlement tab of a partner-region company, a municipality's settlement view, and the
introductions staff brokered to a municipality: its people answer them; staff may look."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localdate
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bridges.models import Bridge, Municipality
from bridges.selectors import municipalities_acted_for
from companies.models import Company
from companies.self_service.access import company_for_person
from leads import selectors, services, settlement
from leads.enums import IntroductionStatus
from leads.forms import MunicipalityDeclineForm
from leads.models import Introduction, Lead
from matchmaking.profiles import vocabulary_cached


def _municipality_for(request: HttpRequest, slug: str) -> Municipality:
    """The municipality, if this person acts for it; otherwise it does not exist."""
    return get_object_or_404(
        municipalities_acted_for(user=request.user).select_related("district"), slug=slug
    )


def _day(lead: Lead) -> str:
    return date_format(localdate(lead.created_at), "SHORT_DATE_FORMAT")


def _tab(company: Company, bridge: Bridge, anchor: str = "") -> HttpResponse:
    response = redirect("settlement:company", company.pk, bridge.slug)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _asked(request: HttpRequest, lead: Lead, created: bool, name: str) -> None:
    if created:
        text = _("Your request is with RuhrBridge: the agency will introduce you to %(name)s.")
        messages.success(request, text % {"name": name})
    else:
        text = _(
            "You asked to be introduced to %(name)s on %(date)s already; the agency will get "
            "in touch."
        )
        messages.info(request, text % {"name": name, "date": _day(lead)})


@require_GET
@login_required
def company_settlement(request: HttpRequest, company_id: int, bridge_slug: str) -> HttpResponse:
    company, member = company_for_person(request, company_id)
    bridge = get_object_or_404(Bridge, slug=bridge_slug)
    context = {"section": "bridges", "company": company, "member": member, "bridge": bridge}
    context["blocker"] = settlement.settlement_blocker_for(company=company, bridge=bridge)
    if context["blocker"] is None:
        context["entries"] = settlement.settlement_entries(
            settlement.settlement_matches_for(company=company, bridge=bridge),
            company=company,
            bridge=bridge,
            language=get_language(),
            vocabulary=vocabulary_cached(),
        )
        if not context["entries"]:
            context["empty"] = settlement.settlement_empty_reason(bridge=bridge)
    return render(request, "leads/settlement/company.html", context)


@require_POST
@login_required
def ask_offer(
    request: HttpRequest, company_id: int, bridge_slug: str, offer_id: int
) -> HttpResponse:
    company, _member = company_for_person(request, company_id)
    bridge = get_object_or_404(Bridge, slug=bridge_slug)
    offer = settlement.settlement_offer_for(company=company, bridge=bridge, offer_id=offer_id)
    if offer is None:
        raise Http404
    try:
        lead, created = settlement.settlement_request_offer(
            actor=request.user,
            company=company,
            bridge=bridge,
            offer=offer,
            why=request.POST.get("why", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _asked(request, lead, created, offer.municipality.name)
    return _tab(company, bridge, f"offer-{offer.pk}")


@require_POST
@login_required
def ask_company(
    request: HttpRequest, company_id: int, bridge_slug: str, partner_id: int
) -> HttpResponse:
    company, _member = company_for_person(request, company_id)
    bridge = get_object_or_404(Bridge, slug=bridge_slug)
    partner = settlement.settlement_partner_for(
        company=company, bridge=bridge, partner_id=partner_id
    )
    if partner is None:
        raise Http404
    try:
        lead, created = settlement.settlement_request_partner(
            actor=request.user,
            company=company,
            bridge=bridge,
            partner=partner,
            why=request.POST.get("why", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _asked(request, lead, created, partner.name)
    return _tab(company, bridge, f"partner-{partner.pk}")


@require_GET
@login_required
def municipality_settlement(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = _municipality_for(request, slug)
    rows = settlement.interested_companies(
        settlement.municipality_matches(municipality=municipality),
        municipality=municipality,
        language=get_language(),
        vocabulary=vocabulary_cached(),
    )
    introductions = settlement.municipality_introduction_list(municipality=municipality)
    return render(
        request,
        "leads/settlement/municipality.html",
        {"municipality": municipality, "rows": rows, "introductions": introductions},
    )


@require_POST
@login_required
def interest(request: HttpRequest, slug: str, company_id: int) -> HttpResponse:
    municipality = _municipality_for(request, slug)
    offer_id = request.POST.get("offer", "")
    match = settlement.interest_match_for(
        municipality=municipality,
        company_id=company_id,
        offer_id=int(offer_id) if offer_id.isdigit() else None,
    )
    if match is None:
        raise Http404
    lead, created = settlement.municipality_interest_mark(actor=request.user, match=match)
    if created:
        text = _("Interest noted: RuhrBridge will introduce %(company)s to you.")
        messages.success(request, text % {"company": match.company.name})
    else:
        text = _(
            "RuhrBridge knows since %(date)s that you and %(company)s should meet; the agency "
            "will get in touch."
        )
        messages.info(request, text % {"company": match.company.name, "date": _day(lead)})
    response = redirect("settlement:municipality", municipality.slug)
    response["Location"] += f"#company-{match.company_id}"
    return response


# --- Introductions the municipality is asked for -------------------------------------------


def _introduction_for(
    request: HttpRequest, slug: str, introduction_id: int, *, answering: bool = False
) -> tuple[Municipality, Introduction]:
    """The introduction of the municipality; a 404 for anyone not acting for it, and for an
    answer from anyone not among its (or its district's) people, staff too."""
    if answering:
        municipality = get_object_or_404(
            settlement.municipalities_answered_for(user=request.user), slug=slug
        )
    else:
        municipality = _municipality_for(request, slug)
    introduction = settlement.municipality_introduction_for(
        municipality=municipality, introduction_id=introduction_id
    )
    if introduction is None:
        raise Http404
    return municipality, introduction


def _introduction_page(
    request: HttpRequest,
    municipality: Municipality,
    introduction: Introduction,
    decline_form: MunicipalityDeclineForm | None = None,
) -> HttpResponse:
    view = settlement.municipal_introduction_view(introduction)
    accepted = view.status == IntroductionStatus.ACCEPTED
    context = {"municipality": municipality, "view": view, "introduction": introduction}
    context.update(
        can_answer=settlement.municipalities_answered_for(user=request.user)
        .filter(pk=municipality.pk)
        .exists(),
        contacts=selectors.company_contacts(company_id=view.company.pk) if accepted else None,
        reasons=settlement.settlement_reasons_for(
            company=view.company,
            municipality=municipality,
            bridge=introduction.bridge,
            viewer="staff",
            language=get_language(),
            vocabulary=vocabulary_cached(),
        ),
        declined_by_us=settlement.declined_by_municipality(introduction),
        decline_form=decline_form or MunicipalityDeclineForm(),
    )
    return render(request, "leads/settlement/introduction.html", context)


def _back_to(introduction: Introduction) -> HttpResponse:
    municipality = introduction.recipient_municipality
    assert municipality is not None
    return redirect("settlement:municipality_introduction", municipality.slug, introduction.pk)


@require_GET
@login_required
def municipality_introduction(
    request: HttpRequest, slug: str, introduction_id: int
) -> HttpResponse:
    municipality, introduction = _introduction_for(request, slug, introduction_id)
    return _introduction_page(request, municipality, introduction)


@require_POST
@login_required
def municipality_introduction_accept(
    request: HttpRequest, slug: str, introduction_id: int
) -> HttpResponse:
    municipality, introduction = _introduction_for(request, slug, introduction_id, answering=True)
    company = introduction.requester
    try:
        answered = services.introduction_accept(
            actor=request.user, introduction_id=introduction.pk, municipality=municipality
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back_to(introduction)
    if answered.status == IntroductionStatus.ACCEPTED:
        text = _("You both said yes. Below are the contact persons of %(other)s.")
    else:
        text = _("Noted: you said yes. We will e-mail you when %(other)s answers.")
    messages.success(request, text % {"other": company.name})
    return _back_to(introduction)


@require_POST
@login_required
def municipality_introduction_decline(
    request: HttpRequest, slug: str, introduction_id: int
) -> HttpResponse:
    municipality, introduction = _introduction_for(request, slug, introduction_id, answering=True)
    form = MunicipalityDeclineForm(request.POST)
    if not form.is_valid():
        return _introduction_page(request, municipality, introduction, decline_form=form)
    try:
        services.introduction_decline(
            actor=request.user,
            introduction_id=introduction.pk,
            municipality=municipality,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back_to(introduction)
    text = _("You declined the introduction to %(other)s; we will let them know.")
    messages.success(request, text % {"other": introduction.requester.name})
    return _back_to(introduction)
