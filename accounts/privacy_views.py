"""The person's own GDPR pages: what we store (as JSON) and deleting the account."""

import json

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import privacy
from accounts.services import user_erase


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "account/my_data.html",
        {
            "blockers": privacy.personal_data_erase_blockers(user=request.user),
            "current_version": settings.PRIVACY_NOTICE_VERSION,
        },
    )


@login_required
@require_GET
def my_data_export(request: HttpRequest) -> HttpResponse:
    data = {
        "exported_at": timezone.now(),
        "privacy_notice_version": settings.PRIVACY_NOTICE_VERSION,
        **privacy.personal_data_export(user=request.user),
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"ruhrbridge-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """Asks for the password again (allauth's reauthentication), then for a confirmation."""
    blockers = privacy.personal_data_erase_blockers(user=request.user)
    confirmed = request.POST.get("confirm") == "yes"
    if request.method == "GET" or blockers or not confirmed:
        if request.method == "POST" and not confirmed and not blockers:
            messages.error(
                request, _("Tick the box to confirm that your account is to be deleted.")
            )
        return render(request, "account/delete_account.html", {"blockers": blockers})
    user = request.user
    try:
        user_erase(user=user)
    except ValidationError as error:
        return render(request, "account/delete_account.html", {"blockers": error.messages})
    logout(request)
    messages.success(request, _("Your account and your personal data are deleted. Goodbye."))
    return redirect("pages:home")
