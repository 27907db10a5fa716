from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


class PreferredLanguageMiddleware(LocaleMiddleware):
    """LocaleMiddleware that lets a signed-in user's saved language win on unprefixed URLs.

    `/de/…` and `/en/…` always speak their own language. Elsewhere (`/`,
    `/admin/`) the order is: the user's preference, then the language cookie,
    then Accept-Language, then German.
    """

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        if translation.get_language_from_path(request.path_info):
            return
        translation.activate(user.preferred_language)
        request.LANGUAGE_CODE = translation.get_language()


class StaffMFARequiredMiddleware:
    """Agency staff open the admin only once an authenticator app (TOTP) protects their login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_set_up_totp(request):
            messages.warning(
                request,
                _(
                    "Please set up two-factor authentication with an authenticator app "
                    "before you open the admin."
                ),
            )
            setup_url = reverse("mfa_activate_totp")
            return HttpResponseRedirect(
                f"{setup_url}?{urlencode({'next': request.get_full_path()})}"
            )
        return self.get_response(request)

    @staticmethod
    def _must_set_up_totp(request: HttpRequest) -> bool:
        user = request.user
        return (
            _is_staff_area(request.path_info)
            and user.is_authenticated
            and user.is_staff
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        )


def _is_staff_area(path: str) -> bool:
    """The admin and the staff pages under /<language>/staff/ (the lead board)."""
    if path.startswith(reverse("admin:index")):
        return True
    prefix, _slash, rest = path.lstrip("/").partition("/")
    return prefix in dict(settings.LANGUAGES) and rest.startswith("staff/")
