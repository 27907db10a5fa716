"""A person's own notifications and their choice of e-mails; nobody sees anyone else's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_language_from_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from notifications import selectors, services
from notifications.enums import UNSUBSCRIBE_ALL, UnsubscribeMethod
from notifications.forms import EMAIL_LABELS, NotificationSettingsForm
from notifications.unsubscribe import (
    UnsubscribeRequest,
    is_unsubscribed,
    unsubscribe,
    unsubscribe_request_from_token,
    unsubscribe_token,
)

PAGE_SIZE = 20


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/list.html",
        {"page": page, "rows": selectors.notification_texts(page.object_list)},
    )


@login_required
@require_POST
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark it read and go where it points, in the language the person reads in now."""
    notification = selectors.notification_for(user=request.user, notification_id=notification_id)
    if notification is None:
        raise Http404
    services.notification_mark_read(user=request.user, notification_id=notification.pk)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect("notifications:list")
    return redirect(_in_current_language(target))


def _in_current_language(path: str) -> str:
    """The same page under the reader's language prefix (links are stored with the one of
    the language the notification was made in)."""
    stored_language, reader_language = get_language_from_path(path), get_language()
    if stored_language is None or stored_language == reader_language:
        return path
    with translation.override(stored_language):
        return translate_url(path, reader_language)


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    if services.notifications_mark_all_read(user=request.user):
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    setting = selectors.notification_setting_for(user=request.user)
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"email_kinds": list(setting.email_kinds)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.notification_settings_save(
                user=request.user, email_kinds=form.cleaned_data["email_kinds"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your e-mail settings are saved."))
            return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


# --- Unsubscribing through the signed link of an e-mail ----------------------------------------


def _unsubscribe_context(token: str, request_: UnsubscribeRequest) -> dict:
    all_kinds = request_.kind == UNSUBSCRIBE_ALL
    return {
        "token": token,
        "kind_label": None if all_kinds else EMAIL_LABELS.get(request_.kind),
        "unsubscribed": is_unsubscribed(user=request_.user, kind=request_.kind),
        "all_url": None
        if all_kinds
        else reverse(
            "unsubscribe",
            args=[unsubscribe_token(user_id=request_.user.pk, kind=UNSUBSCRIBE_ALL)],
        ),
    }


@csrf_protect
def _unsubscribe_with_page(request: HttpRequest, token: str) -> HttpResponse:
    request_ = unsubscribe_request_from_token(token)
    if request_ is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=404)
    if request.method == "POST":
        unsubscribe(user=request_.user, kind=request_.kind, method=UnsubscribeMethod.PAGE)
    return render(request, "notifications/unsubscribe.html", _unsubscribe_context(token, request_))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_page(request: HttpRequest, token: str) -> HttpResponse:
    """Works signed out: the token is the permission. A mail program's one-click POST
    (RFC 8058) carries no CSRF token, so only that POST skips the CSRF check."""
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click":
        request_ = unsubscribe_request_from_token(token)
        if request_ is None:
            return HttpResponse(_("This link is not valid."), status=404)
        unsubscribe(user=request_.user, kind=request_.kind, method=UnsubscribeMethod.ONE_CLICK)
        return HttpResponse(_("You are unsubscribed."), content_type="text/plain")
    return _unsubscribe_with_page(request, token)
