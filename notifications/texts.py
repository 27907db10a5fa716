"""What a notification says, rendered when it is shown, in the reader's language.

A notification stores its kind and parameters, never its text. Names that exist in both
languages (a bridge, an event's title) are stored as ``{"de": …, "en": …}`` and picked here.
"""

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from notifications.enums import NotificationKind

TEXTS: dict[tuple[str, str], Promise] = {
    (NotificationKind.MEMBERSHIP_DECIDED, "approved"): _(
        "%(company)s is now a member of %(bridge)s."
    ),
    (NotificationKind.MEMBERSHIP_DECIDED, "declined"): _(
        "The agency declined the application of %(company)s to %(bridge)s."
    ),
    (NotificationKind.DELEGATION_DECIDED, "selected"): _(
        "%(company)s is selected for the delegation “%(delegation)s”."
    ),
    (NotificationKind.DELEGATION_DECIDED, "declined"): _(
        "The agency declined the application of %(company)s for the delegation “%(delegation)s”."
    ),
    (NotificationKind.DELEGATION_DECIDED, "withdrawn"): _(
        "The agency withdrew the selection of %(company)s for the delegation “%(delegation)s”; "
        "the application is open again."
    ),
    (NotificationKind.INTRODUCTION_REQUESTED, ""): _(
        "%(other)s would like to meet %(company)s. Please answer the request."
    ),
    (NotificationKind.INTRODUCTION_REQUESTED, "brokered"): _(
        "The RuhrBridge team suggests that %(company)s and %(other)s meet. Please answer."
    ),
    (NotificationKind.INTRODUCTION_ACCEPTED, ""): _(
        "%(company)s and %(other)s both said yes: you now see each other's contact persons."
    ),
    (NotificationKind.INTRODUCTION_DECLINED, ""): _(
        "%(other)s declined the introduction to %(company)s."
    ),
    (NotificationKind.INTRODUCTION_EXPIRED, ""): _(
        "The request to introduce %(company)s and %(other)s expired without an answer."
    ),
    (NotificationKind.STRONG_MATCHES, ""): _(
        "New strong matches for %(company)s on %(bridge)s: %(count)s"
    ),
    (NotificationKind.REGISTRATION_CONFIRMED, ""): _("You are registered for “%(event)s”."),
    (NotificationKind.WAITLIST_PROMOTED, ""): _(
        "A seat became free: you are now registered for “%(event)s”."
    ),
    (NotificationKind.EVENT_CHANGED, ""): _(
        "“%(event)s” has changed. Please check its time and place."
    ),
    (NotificationKind.MEETING_REQUESTED, ""): _(
        "%(other)s would like to meet you 1:1 at “%(event)s”. Please accept or decline."
    ),
    (NotificationKind.MEETING_REQUESTED, "mine"): _(
        "You asked %(other)s for a 1:1 meeting at “%(event)s”."
    ),
    (NotificationKind.MEETING_BOOKED, ""): _(
        "Your meeting with %(other)s at “%(event)s” is booked: %(when)s, %(table)s."
    ),
    (NotificationKind.MEETING_DECLINED, ""): _(
        "You declined the meeting request of %(other)s at “%(event)s”."
    ),
    (NotificationKind.MEETING_DECLINED, "mine"): _(
        "%(other)s declined your meeting request at “%(event)s”."
    ),
    (NotificationKind.MEETING_DECLINED, "expired"): _(
        "The meeting request between you and %(other)s at “%(event)s” expired unanswered."
    ),
    (NotificationKind.MEETING_MOVED, ""): _(
        "Your meeting with %(other)s at “%(event)s” was moved to %(when)s, %(table)s."
    ),
    (NotificationKind.MEETING_CANCELLED, ""): _(
        "The meeting with %(other)s at “%(event)s” was cancelled."
    ),
}


def bilingual(de: str, en: str) -> dict[str, str]:
    """A name to store in a notification's parameters that is shown in the reader's language."""
    return {"de": de, "en": en}


def _in_language(value, language: str):
    if isinstance(value, dict):
        return value.get(language) or value.get("en") or value.get("de") or ""
    return value


def notification_text(*, kind: str, params: dict) -> str:
    language = (get_language() or "de")[:2]
    template = TEXTS.get((kind, params.get("variant", ""))) or TEXTS.get((kind, ""))
    values = {name: _in_language(value, language) for name, value in params.items()}
    if template is None:
        return kind
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        # A notification stored before its text changed still says what kind it is.
        return str(NotificationKind(kind).label) if kind in NotificationKind else kind
