"""Company self-service pages: parse, call a service or selector, render."""

import copy
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from companies.models import Company, CompanyMember
from companies.self_service import forms as ss_forms
from companies.self_service import selectors, services
from companies.self_service.access import company_for_person


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form: type


STEPS = (
    Step("basics", gettext_lazy("Basics"), ss_forms.BasicsForm),
    Step("sectors", gettext_lazy("Sectors"), ss_forms.SectorsForm),
    Step("capabilities", gettext_lazy("Offer and seek"), ss_forms.CapabilitiesForm),
    Step("partnerships", gettext_lazy("Partnerships"), ss_forms.PartnershipsForm),
    Step("settlement", gettext_lazy("Settlement in the Ruhr"), ss_forms.SettlementForm),
    Step("contacts", gettext_lazy("Contact persons"), ss_forms.ContactFormSet),
    Step("logo", gettext_lazy("Logo"), ss_forms.LogoForm),
    Step("visibility", gettext_lazy("Visibility and matching"), ss_forms.VisibilityForm),
)


def _steps_for(company: Company) -> list[Step]:
    # Settlement intent is what a partner-region company plans in the Ruhr.
    return [step for step in STEPS if step.slug != "settlement" or not company.is_ruhr]


def _error_text(error: ValidationError | PermissionDenied) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


def _posted(request: HttpRequest):
    """The posted data, even when empty, so that an empty POST still validates."""
    return request.POST if request.method == "POST" else None


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = selectors.memberships_for(user=request.user)
    for member in memberships:
        member.gaps, member.percent = selectors.profile_gaps(company=member.company)
    context = {
        "memberships": memberships,
        # A municipality's people sign in here too: their way to its page and settlement view.
        "municipalities": request.user.municipalities.order_by("name"),
        "invites": selectors.invites_open_for(user=request.user),
        "join_requests": selectors.join_requests_open_for(user=request.user),
    }
    return render(request, "companies/self_service/dashboard.html", context)


@login_required
def start(request: HttpRequest) -> HttpResponse:
    context = {"invites": selectors.invites_open_for(user=request.user)}
    return render(request, "companies/self_service/start.html", context)


@login_required
def company_create(request: HttpRequest) -> HttpResponse:
    form = ss_forms.CompanyCreateForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            company = services.company_create(actor=request.user, form=form)
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("%(company)s is on RuhrBridge.") % {"company": company})
            return redirect("self_service:profile_step", company.pk, "basics")
    return render(request, "companies/self_service/company_create.html", {"form": form})


@login_required
def join_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    found = selectors.companies_to_join(user=request.user, query=query)
    context = {"query": query, "companies": found}
    return render(request, "companies/self_service/join_search.html", context)


@login_required
def join_request(request: HttpRequest, company_id: int) -> HttpResponse:
    company = selectors.company_to_join(user=request.user, company_id=company_id)
    if company is None:
        raise Http404
    form = ss_forms.JoinRequestForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            created = services.join_request_create(
                actor=request.user,
                company_id=company.pk,
                message=form.cleaned_data["message"],
                base_url=_base_url(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _join_outcome(created))
            return redirect("self_service:dashboard")
    context = {"company": company, "form": form, "is_claim": not company.members.exists()}
    return render(request, "companies/self_service/join_request.html", context)


def _join_outcome(join_request) -> str:
    if join_request.status == "approved":
        return _("Your e-mail address is one of %(company)s’s contacts: you are now its owner.") % {
            "company": join_request.company
        }
    if join_request.kind == "claim":
        return _("Thank you. The agency checks your claim of %(company)s and lets you know.") % {
            "company": join_request.company
        }
    return _("Your request was sent to the owners and admins of %(company)s.") % {
        "company": join_request.company
    }


@login_required
def invite_accept(request: HttpRequest, token: str) -> HttpResponse:
    error, invite = None, None
    try:
        invite = services.invite_from_token(token)
        if request.method == "POST":
            member = services.invite_accept(actor=request.user, token=token)
            messages.success(
                request, _("Welcome to the team of %(company)s.") % {"company": member.company}
            )
            return redirect("self_service:dashboard")
    except ValidationError as exc:
        error = _error_text(exc)
    context = {"invite": invite, "error": error}
    return render(request, "companies/self_service/invite_accept.html", context)


@login_required
def profile(request: HttpRequest, company_id: int) -> HttpResponse:
    company_for_person(request, company_id)
    return redirect("self_service:profile_step", company_id, STEPS[0].slug)


@login_required
def profile_step(request: HttpRequest, company_id: int, step: str) -> HttpResponse:
    company, member = company_for_person(request, company_id)
    steps = _steps_for(company)
    current = next((candidate for candidate in steps if candidate.slug == step), None)
    if current is None:
        raise Http404
    form = _step_form(current, company, request)
    if request.method == "POST" and form.is_valid():
        services.company_profile_save(actor=request.user, company=company, form=form)
        messages.success(request, _("Saved: %(step)s.") % {"step": current.title})
        following = steps[steps.index(current) + 1 :]
        return redirect("self_service:profile_step", company.pk, (following or [current])[0].slug)
    gaps, percent = selectors.profile_gaps(company=company)
    context = {
        "section": "profile",
        "company": company,
        "member": member,
        "steps": steps,
        "step": current,
        "form": form,
        "gaps": gaps,
        "percent": percent,
    }
    return render(request, f"companies/self_service/profile_{_template_for(current)}.html", context)


def _step_form(step: Step, company: Company, request: HttpRequest):
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    if step.slug == "contacts":
        return step.form(
            data, instance=company, queryset=company.contacts.filter(objected_at__isnull=True)
        )
    # A copy, so that invalid input never shows up in the page around the form.
    return step.form(data, files, instance=copy.copy(company))


def _template_for(step: Step) -> str:
    return step.slug if step.slug in ("capabilities", "contacts") else "step"


@login_required
def team(request: HttpRequest, company_id: int) -> HttpResponse:
    company, member = company_for_person(request, company_id)
    form = ss_forms.InviteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            invite = services.invite_create(
                actor=request.user,
                company=company,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                base_url=_base_url(request),
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invite.email})
            return redirect("self_service:team", company.pk)
    context = {
        "section": "team",
        "company": company,
        "member": member,
        "can_manage": member.role in services.MANAGERS,
        "form": form,
        "role_form": ss_forms.RoleForm(),
        **selectors.team_for(company=company),
    }
    return render(request, "companies/self_service/team.html", context)


def _team_action(request: HttpRequest, company_id: int, action) -> HttpResponse:
    """Run a team change posted from the team page and come back to it with its outcome."""
    company, _member = company_for_person(request, company_id)
    if request.method == "POST":
        try:
            message = action(company)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, message)
            if not CompanyMember.objects.filter(company=company, user=request.user).exists():
                return redirect("self_service:dashboard")
    return redirect("self_service:team", company.pk)


@login_required
def team_role(request: HttpRequest, company_id: int, user_id: int) -> HttpResponse:
    def change(company: Company) -> str:
        form = ss_forms.RoleForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Please choose one of the roles."))
        member = services.team_member_set_role(
            actor=request.user, company=company, user_id=user_id, role=form.cleaned_data["role"]
        )
        return _("%(person)s is now %(role)s.") % {
            "person": member.user.get_full_name(),
            "role": member.get_role_display(),
        }

    return _team_action(request, company_id, change)


@login_required
def team_remove(request: HttpRequest, company_id: int, user_id: int) -> HttpResponse:
    def remove(company: Company) -> str:
        services.team_member_remove(actor=request.user, company=company, user_id=user_id)
        if user_id == request.user.pk:
            return _("You have left %(company)s.") % {"company": company}
        return _("Removed from the team of %(company)s.") % {"company": company}

    return _team_action(request, company_id, remove)


@login_required
def team_invite_revoke(request: HttpRequest, company_id: int, invite_id: int) -> HttpResponse:
    def revoke(company: Company) -> str:
        services.invite_revoke(actor=request.user, company=company, invite_id=invite_id)
        return _("The invitation was withdrawn; its link no longer works.")

    return _team_action(request, company_id, revoke)


@login_required
def team_request_decide(request: HttpRequest, company_id: int, request_id: int) -> HttpResponse:
    def decide(company: Company) -> str:
        if not company.join_requests.filter(pk=request_id).exists():
            raise Http404
        approve = request.POST.get("decision") == "approve"
        decided = services.join_request_decide(
            actor=request.user, request_id=request_id, approve=approve, base_url=_base_url(request)
        )
        template = _("%(person)s joined the team.") if approve else _("Request declined.")
        return template % {"person": decided.user.get_full_name()}

    return _team_action(request, company_id, decide)


@login_required
def bridges(request: HttpRequest, company_id: int) -> HttpResponse:
    company, member = company_for_person(request, company_id)
    posted_bridge = request.POST.get("bridge") if request.method == "POST" else None
    rows = selectors.bridges_for(company=company)
    for row in rows:
        is_posted = posted_bridge == str(row["bridge"].pk)
        row["form"] = ss_forms.ApplicationForm(
            request.POST if is_posted else None, prefix=f"bridge{row['bridge'].pk}"
        )
        if is_posted and row["form"].is_valid():
            try:
                services.bridge_apply(
                    actor=request.user,
                    company=company,
                    bridge_id=row["bridge"].pk,
                    motivation=row["form"].cleaned_data["motivation"],
                )
            except (ValidationError, PermissionDenied) as error:
                row["form"].add_error(None, _error_text(error))
            else:
                messages.success(request, _("Your application was sent to the bridge team."))
                return redirect("self_service:bridges", company.pk)
    context = {
        "section": "bridges",
        "company": company,
        "member": member,
        "can_manage": member.role in services.MANAGERS,
        "rows": rows,
    }
    return render(request, "companies/self_service/bridges.html", context)


@login_required
def bridge_withdraw(request: HttpRequest, company_id: int, membership_id: int) -> HttpResponse:
    company, _member = company_for_person(request, company_id)
    if not company.bridge_memberships.filter(pk=membership_id).exists():
        raise Http404
    if request.method == "POST":
        try:
            services.bridge_withdraw(
                actor=request.user, company=company, membership_id=membership_id
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Withdrawn."))
    return redirect(reverse("self_service:bridges", args=[company.pk]))
