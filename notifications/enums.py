from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    # Not sent: the address hard-bounced or complained (see notifications.bounces).
    SUPPRESSED = "suppressed", _("not sent: undeliverable address")


class NotificationKind(models.TextChoices):
    MEMBERSHIP_DECIDED = "membership-decided", _("Bridge application decided")
    DELEGATION_DECIDED = "delegation-decided", _("Delegation application decided")
    INTRODUCTION_REQUESTED = "introduction-requested", _("Introduction requested")
    INTRODUCTION_ACCEPTED = "introduction-accepted", _("Introduction accepted")
    INTRODUCTION_DECLINED = "introduction-declined", _("Introduction declined")
    INTRODUCTION_EXPIRED = "introduction-expired", _("Introduction request expired")
    STRONG_MATCHES = "strong-matches", _("New strong matches")
    REGISTRATION_CONFIRMED = "registration-confirmed", _("Event registration confirmed")
    WAITLIST_PROMOTED = "waitlist-promoted", _("Moved up from a waiting list")
    EVENT_CHANGED = "event-changed", _("Event changed")
    MEETING_REQUESTED = "meeting-requested", _("1:1 meeting requested")
    MEETING_BOOKED = "meeting-booked", _("1:1 meeting booked")
    MEETING_DECLINED = "meeting-declined", _("1:1 meeting request declined or expired")
    MEETING_MOVED = "meeting-moved", _("1:1 meeting moved")
    MEETING_CANCELLED = "meeting-cancelled", _("1:1 meeting cancelled")
    ANNOUNCEMENT = "announcement", _("Announcements from the agency")


# Kinds that can also come by e-mail, in the order of the settings page. A confirmed
# registration is shown on the page the person just used, so it has no e-mail; new strong
# matches come by e-mail as the weekly digest, never one by one.
EMAIL_KINDS = (
    NotificationKind.INTRODUCTION_REQUESTED,
    NotificationKind.INTRODUCTION_ACCEPTED,
    NotificationKind.INTRODUCTION_DECLINED,
    NotificationKind.INTRODUCTION_EXPIRED,
    NotificationKind.MEMBERSHIP_DECIDED,
    NotificationKind.DELEGATION_DECIDED,
    NotificationKind.STRONG_MATCHES,
    NotificationKind.WAITLIST_PROMOTED,
    NotificationKind.EVENT_CHANGED,
    NotificationKind.MEETING_REQUESTED,
    NotificationKind.MEETING_BOOKED,
    NotificationKind.MEETING_DECLINED,
    NotificationKind.MEETING_MOVED,
    NotificationKind.MEETING_CANCELLED,
    NotificationKind.ANNOUNCEMENT,
)

# The kind an unsubscribe link names when it stops every e-mail one can choose.
UNSUBSCRIBE_ALL = "all"


class EmailEventType(models.TextChoices):
    BOUNCE = "bounce", _("bounce")
    COMPLAINT = "complaint", _("complaint")
    DELIVERED = "delivered", _("delivered")


class BounceType(models.TextChoices):
    HARD = "hard", _("hard")
    SOFT = "soft", _("soft")


class SuppressionReason(models.TextChoices):
    HARD_BOUNCE = "hard-bounce", _("hard bounce")
    COMPLAINT = "complaint", _("complaint (marked as spam)")


class EmailEventSource(models.TextChoices):
    WEBHOOK = "webhook", _("provider webhook")
    IMPORT = "import", _("bounce file import")


class UnsubscribeMethod(models.TextChoices):
    PAGE = "page", _("unsubscribe page")
    ONE_CLICK = "one-click", _("one-click (mail program)")
