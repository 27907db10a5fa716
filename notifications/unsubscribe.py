"""One-click unsubscribe (RFC 8058) for every e-mail a person may choose not to get.

A signed token names the person and the kind of e-mail ("all" for every kind); it works
without signing in and for a year. The outbox adds the link and the two headers in one
place (`email_enqueue(unsubscribe=…)`); e-mails about the account's security carry none.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from notifications.enums import EMAIL_KINDS, UNSUBSCRIBE_ALL, UnsubscribeMethod
from notifications.models import NotificationSetting, Unsubscribe

SALT = "notifications.unsubscribe"
MAX_AGE = timedelta(days=365)


@dataclass(frozen=True)
class UnsubscribeRequest:
    user: object
    kind: str


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": str(kind)}, salt=SALT)


def unsubscribe_request_from_token(token: str) -> UnsubscribeRequest | None:
    """The person and kind a token names; None when it was altered, is too old or names
    a kind or person that does not exist."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(payload, dict):
        return None
    kind = payload.get("k")
    if kind != UNSUBSCRIBE_ALL and kind not in {str(k) for k in EMAIL_KINDS}:
        return None
    user_id = payload.get("u")
    if not isinstance(user_id, int):
        return None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    return UnsubscribeRequest(user=user, kind=kind) if user else None


def unsubscribe_url(*, user_id: int, kind: str, language: str) -> str:
    token = unsubscribe_token(user_id=user_id, kind=kind)
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("unsubscribe", args=[token])
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_headers(url: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def with_unsubscribe_footer(
    *, text_body: str, html_body: str, url: str, language: str
) -> tuple[str, str]:
    """The bodies with the unsubscribe link at their end (in the HTML, inside the body)."""
    context = {"unsubscribe_url": url}
    with translation.override(language or settings.LANGUAGE_CODE):
        text_footer = render_to_string("notifications/email/unsubscribe_footer.txt", context)
        html_footer = render_to_string("notifications/email/unsubscribe_footer.html", context)
    text_body = f"{text_body.rstrip()}\n\n{text_footer.strip()}\n"
    if html_body:
        head, marker, tail = html_body.rpartition("</body>")
        html_body = (
            f"{head}{html_footer.strip()}\n{marker}{tail}"
            if marker
            else f"{html_body}\n{html_footer.strip()}"
        )
    return text_body, html_body


@transaction.atomic
def unsubscribe(*, user, kind: str, method: str = UnsubscribeMethod.PAGE) -> Unsubscribe:
    """Switch the kind (or every kind) off at once, and record when and how."""
    setting, _created = NotificationSetting.objects.select_for_update().get_or_create(user=user)
    if kind == UNSUBSCRIBE_ALL:
        setting.email_kinds = []
    else:
        setting.email_kinds = [k for k in setting.email_kinds if k != kind]
    setting.save(update_fields=["email_kinds", "updated_at"])
    return Unsubscribe.objects.create(user=user, kind=kind, method=method)


def is_unsubscribed(*, user, kind: str) -> bool:
    """Whether the kind is already off (the page then says so instead of offering a button)."""
    setting = NotificationSetting.objects.filter(user=user).first()
    if setting is None:
        return False
    if kind == UNSUBSCRIBE_ALL:
        return not setting.email_kinds
    return kind not in setting.email_kinds
