"""Introductions for a company's own people: ask for one, answer, follow, report the outcome.

Everything is scoped to one company the user acts for; another company's introductions, and
introductions the company is no party of, do not exist (404), for staff too: they use the
admin.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridges.models import Bridge, Municipality
from companies.models import Company, CompanyMember
from companies.self_service.access import company_for_person
from leads import selectors, services, settlement
from leads.enums import IntroductionStatus
from leads.forms import IntroductionDeclineForm, IntroductionRequestForm, OutcomeForm
from leads.models import Introduction
from matchmaking.profiles import vocabulary_cached
from matchmaking.selectors import partner_for_pair

PAGE_SIZE = 20
SECTION = "introductions"
TAB_LABELS = (
    (selectors.Tab.WAITING, gettext_lazy("Waiting for you")),
    (selectors.Tab.SENT, gettext_lazy("Sent")),
    (selectors.Tab.ACCEPTED, gettext_lazy("Accepted")),
    (selectors.Tab.CLOSED, gettext_lazy("Closed")),
)


def _introduction_for(company: Company, introduction_id: int) -> Introduction:
    introduction = selectors.introduction_for(company=company, introduction_id=introduction_id)
    if introduction is None:
        raise Http404
    return introduction


def _reasons(bridge: Bridge, company: Company, partner: Company | Municipality) -> list[str] | None:
    if isinstance(partner, Municipality):
        return settlement.settlement_reasons_for(
            company=company,
            municipality=partner,
            bridge=bridge,
            viewer="owner",
            language=get_language(),
            vocabulary=vocabulary_cached(),
        )
    return selectors.match_reasons_for(
        bridge=bridge,
        company=company,
        partner=partner,
        language=get_language(),
        vocabulary=vocabulary_cached(),
    )


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def _request_page(
    request: HttpRequest,
    member: CompanyMember,
    bridge: Bridge,
    partner: Company,
    form: IntroductionRequestForm,
) -> HttpResponse:
    company = member.company
    context = {"section": SECTION, "company": company, "member": member, "bridge": bridge}
    context.update(partner=partner, form=form, reasons=_reasons(bridge, company, partner))
    context["expiry_days"] = services.expiry_days()
    context["existing"] = selectors.introduction_open_between(
        bridge=bridge, company=company, partner=partner
    )
    context["excluded"] = selectors.pair_excluded(bridge=bridge, company=company, partner=partner)
    return render(request, "leads/introductions/request.html", context)


@login_required
def introduction_request(
    request: HttpRequest, company_id: int, bridge_slug: str, partner_id: int
) -> HttpResponse:
    company, member = company_for_person(request, company_id)
    bridge = get_object_or_404(Bridge, slug=bridge_slug)
    partner = partner_for_pair(company=company, bridge=bridge, partner_id=partner_id)
    if partner is None:
        raise Http404
    form = IntroductionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            introduction = services.introduction_request(
                actor=request.user,
                bridge=bridge,
                requester=company,
                recipient=partner,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            text = _("Your request has gone to %(partner)s. We will e-mail you its answer.")
            messages.success(request, text % {"partner": partner.name})
            return redirect("introductions:detail", company.pk, introduction.pk)
    return _request_page(request, member, bridge, partner, form)


@login_required
def introduction_list(request: HttpRequest, company_id: int) -> HttpResponse:
    company, member = company_for_person(request, company_id)
    tab = request.GET.get("tab")
    if tab not in selectors.TABS:
        tab = selectors.Tab.WAITING
    introductions = selectors.introduction_list_for(company=company, tab=tab)
    page = Paginator(introductions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"section": SECTION, "company": company, "member": member, "tab": tab}
    context.update(page=page, query=f"tab={tab}")
    context["counts"] = counts = selectors.introduction_tab_counts(company=company)
    context["tabs"] = [(value, label, counts[value]) for value, label in TAB_LABELS]
    context["rows"] = [
        selectors.introduction_view(introduction, company=company)
        for introduction in page.object_list
    ]
    return render(request, "leads/introductions/list.html", context)


def _detail(
    request: HttpRequest,
    company: Company,
    member: CompanyMember,
    introduction: Introduction,
    **forms,
) -> HttpResponse:
    view = selectors.introduction_view(introduction, company=company)
    lead = selectors.lead_of(introduction)
    outcomes = selectors.outcomes_by_side(lead, company=company, other=view.other)
    own = outcomes[0].outcome if outcomes else None
    initial = {"outcome": own.outcome, "reason": own.reason} if own else None
    context = {"section": SECTION, "company": company, "member": member, "view": view}
    context.update(
        introduction=introduction,
        reasons=_reasons(introduction.bridge, company, view.other),
        contacts=selectors.contacts_for(introduction=introduction, company=company),
        outcomes=outcomes,
        declined_by_us=selectors.declined_by(introduction, company=company),
        decline_form=forms.get("decline_form") or IntroductionDeclineForm(),
        outcome_form=forms.get("outcome_form") or OutcomeForm(initial=initial),
    )
    return render(request, "leads/introductions/detail.html", context)


@login_required
def introduction_detail(
    request: HttpRequest, company_id: int, introduction_id: int
) -> HttpResponse:
    company, member = company_for_person(request, company_id)
    introduction = _introduction_for(company, introduction_id)
    return _detail(request, company, member, introduction)


def _back(company: Company, introduction: Introduction) -> HttpResponse:
    return redirect("introductions:detail", company.pk, introduction.pk)


@require_POST
@login_required
def introduction_accept(
    request: HttpRequest, company_id: int, introduction_id: int
) -> HttpResponse:
    company, _member = company_for_person(request, company_id)
    introduction = _introduction_for(company, introduction_id)
    other = selectors.introduction_view(introduction, company=company).other
    try:
        introduction = services.introduction_accept(
            actor=request.user, introduction_id=introduction.pk, company=company
        )
    except ValidationError as error:
        _refused(request, error)
        return _back(company, introduction)
    if introduction.status == IntroductionStatus.ACCEPTED:
        text = _("You both said yes. Below are the contact persons of %(other)s.")
    else:
        text = _("Noted: you said yes. We will e-mail you when %(other)s answers.")
    messages.success(request, text % {"other": other.name})
    return _back(company, introduction)


@require_POST
@login_required
def introduction_decline(
    request: HttpRequest, company_id: int, introduction_id: int
) -> HttpResponse:
    company, member = company_for_person(request, company_id)
    introduction = _introduction_for(company, introduction_id)
    form = IntroductionDeclineForm(request.POST)
    if not form.is_valid():
        return _detail(request, company, member, introduction, decline_form=form)
    try:
        services.introduction_decline(
            actor=request.user,
            introduction_id=introduction.pk,
            company=company,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        _refused(request, error)
        return _back(company, introduction)
    other = selectors.introduction_view(introduction, company=company).other
    if isinstance(other, Municipality):
        text = _("You declined the introduction to %(other)s; we will let them know.")
    else:
        text = _("You declined. We will not suggest %(other)s and you to each other again.")
    messages.success(request, text % {"other": other.name})
    return _back(company, introduction)


@require_POST
@login_required
def introduction_withdraw(
    request: HttpRequest, company_id: int, introduction_id: int
) -> HttpResponse:
    company, _member = company_for_person(request, company_id)
    introduction = _introduction_for(company, introduction_id)
    try:
        services.introduction_withdraw(
            actor=request.user, introduction_id=introduction.pk, company=company
        )
    except ValidationError as error:
        _refused(request, error)
        return _back(company, introduction)
    other = selectors.introduction_view(introduction, company=company).other
    text = _("You withdrew your request to %(other)s. You can ask again later.")
    messages.success(request, text % {"other": other.name})
    return _back(company, introduction)


@require_POST
@login_required
def introduction_outcome(
    request: HttpRequest, company_id: int, introduction_id: int
) -> HttpResponse:
    company, member = company_for_person(request, company_id)
    introduction = _introduction_for(company, introduction_id)
    lead = selectors.lead_of(introduction)
    if lead is None:
        messages.error(request, _("You can report an outcome once both companies said yes."))
        return _back(company, introduction)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return _detail(request, company, member, introduction, outcome_form=form)
    try:
        services.outcome_report(actor=request.user, lead=lead, company=company, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return _detail(request, company, member, introduction, outcome_form=form)
    messages.success(request, _("Thank you: your answer is recorded."))
    return _back(company, introduction)
