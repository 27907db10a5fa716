"""The e-mail outbox: every message becomes a row first, and a task sends the row.

Delivery is at least once with a narrow window: a row is claimed (status
`sending` plus a lease) in its own committed transaction before the mail
server is contacted, and marked `sent` right after. A worker killed before
or during the send leaves a `sending` row whose lease runs out; the row is
then sent again by the redelivered task or the sweeper. Only a kill between
the server accepting the message and the following commit (microseconds)
could send twice, and such a copy carries the same Message-ID.
"""

import base64
import hashlib
import logging
import math
import zoneinfo
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parseaddr
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.enums import EMAIL_KINDS, EmailStatus, NotificationKind
from notifications.models import (
    AnnouncedMatch,
    Notification,
    NotificationSetting,
    OutboundEmail,
    SuppressedAddress,
)
from notifications.unsubscribe import (
    unsubscribe_headers,
    unsubscribe_url,
    with_unsubscribe_footer,
)

logger = logging.getLogger(__name__)

IDEMPOTENCY_HEADER = "X-Idempotency-Key"
# A queued row older than this whose task never ran (broker lost, Redis flushed) is re-sent.
STALLED_AFTER = timedelta(minutes=15)
REQUEUE_BATCH = 500
DIGEST_ZONE = zoneinfo.ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class DeliveryOutcome:
    status: str
    retry_in: int | None = None


def _enqueue_delivery(email_id: int) -> None:
    from notifications.tasks import deliver_email

    transaction.on_commit(lambda: deliver_email.delay(email_id))


def email_enqueue(
    *,
    to: str,
    subject: str,
    text_body: str,
    html_body: str = "",
    from_email: str = "",
    language: str = "",
    key: str = "",
    headers: dict[str, str] | None = None,
    attachments: list[dict[str, str]] | None = None,
    unsubscribe: tuple | None = None,
) -> tuple[OutboundEmail, bool]:
    """Store one e-mail and send it once the caller's transaction commits.

    The same `key` twice stores and sends one e-mail; returns the row and
    whether this call created it. `unsubscribe=(user, kind)` marks an e-mail the
    person may stop: it gets the one-click link and headers (RFC 8058). An address
    that bounced hard or complained gets nothing: the row is stored as suppressed.
    """
    try:
        validate_email(to)
    except ValidationError:
        raise ValidationError(
            _("“%(address)s” is not a valid e-mail address.") % {"address": to}
        ) from None
    if "\n" in subject or "\r" in subject:
        raise ValidationError(_("An e-mail subject must be a single line."))
    language = language or translation.get_language() or ""
    headers = dict(headers or {})
    if unsubscribe is not None:
        user, kind = unsubscribe
        url = unsubscribe_url(user_id=user.pk, kind=kind, language=language)
        headers.update(unsubscribe_headers(url))
        text_body, html_body = with_unsubscribe_footer(
            text_body=text_body, html_body=html_body, url=url, language=language
        )
    suppressed = suppression_for(to)
    with transaction.atomic():
        email, created = OutboundEmail.objects.get_or_create(
            idempotency_key=key or f"generated:{uuid4()}",
            defaults={
                "to_email": to,
                "from_email": from_email or settings.DEFAULT_FROM_EMAIL,
                "subject": subject,
                "text_body": text_body,
                "html_body": html_body,
                "language": language,
                "headers": headers,
                "attachments": attachments or [],
                **(_suppressed_fields(suppressed) if suppressed else {}),
                "next_attempt_at": None if suppressed else timezone.now(),
            },
        )
        if created and not suppressed:
            _enqueue_delivery(email.pk)
    return email, created


def suppression_for(address: str) -> SuppressedAddress | None:
    return SuppressedAddress.objects.filter(email=address.strip().lower()).first()


def _suppressed_fields(suppressed: SuppressedAddress) -> dict:
    return {
        "status": EmailStatus.SUPPRESSED,
        "last_error": (
            f"Not sent: the address is undeliverable since "
            f"{suppressed.first_seen:%Y-%m-%d} ({suppressed.get_reason_display()})."
        ),
    }


def email_enqueue_message(*, message: EmailMessage) -> list[OutboundEmail]:
    """Store a Django `EmailMessage` (allauth's, the admin's, ours): one row per recipient."""
    headers = {k: str(v) for k, v in message.extra_headers.items() if k != IDEMPOTENCY_HEADER}
    if message.reply_to:
        headers["Reply-To"] = ", ".join(message.reply_to)
    key = message.extra_headers.get(IDEMPOTENCY_HEADER) or f"generated:{uuid4()}"
    recipients = message.recipients()
    html_body = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    attachments = [_attachment_as_json(attachment) for attachment in message.attachments]
    created_rows = []
    for recipient in recipients:
        email, created = email_enqueue(
            to=parseaddr(recipient)[1] or recipient,
            subject=str(message.subject),
            text_body=str(message.body),
            html_body=str(html_body),
            from_email=message.from_email,
            key=key if len(recipients) == 1 else f"{key}:{recipient.lower()}",
            headers=headers,
            attachments=attachments,
        )
        if created:
            created_rows.append(email)
    return created_rows


def _attachment_as_json(attachment) -> dict[str, str]:
    try:
        filename, content, mimetype = attachment
    except (TypeError, ValueError):
        raise ValueError(
            "The outbox stores attachments given as (filename, content, mimetype)."
        ) from None
    if isinstance(content, str):
        content = content.encode("utf-8")
    return {
        "filename": filename,
        "mimetype": mimetype or "application/octet-stream",
        "content_base64": base64.b64encode(content).decode("ascii"),
    }


def retry_delay(attempts: int) -> int:
    """Seconds before the next attempt: 30 s, 1 min, 2 min, … at most an hour."""
    return min(30 * 2 ** max(attempts - 1, 0), 3600)


def email_deliver(*, email_id: int) -> DeliveryOutcome:
    claimed = _claim(email_id)
    if isinstance(claimed, DeliveryOutcome):
        return claimed
    try:
        _send(claimed)
    except Exception as exc:
        return _record_failure(claimed, exc)
    OutboundEmail.objects.filter(pk=claimed.pk, status=EmailStatus.SENDING).update(
        status=EmailStatus.SENT,
        sent_at=timezone.now(),
        lease_expires_at=None,
        next_attempt_at=None,
        last_error="",
    )
    logger.info("email sent id=%s attempt=%s", claimed.pk, claimed.attempts)
    return DeliveryOutcome(EmailStatus.SENT)


def _claim(email_id: int) -> OutboundEmail | DeliveryOutcome:
    """Mark the row as being sent, in a transaction of its own, or say why not."""
    now = timezone.now()
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id).first()
        )
        if email is None:
            # Erased with its recipient, or another worker is claiming it this instant.
            return DeliveryOutcome("skipped")
        if email.status in (EmailStatus.SENT, EmailStatus.FAILED, EmailStatus.SUPPRESSED):
            return DeliveryOutcome(email.status)
        suppressed = suppression_for(email.to_email)
        if suppressed is not None:
            # The address became undeliverable after the e-mail was stored.
            OutboundEmail.objects.filter(pk=email.pk).update(
                lease_expires_at=None, next_attempt_at=None, **_suppressed_fields(suppressed)
            )
            return DeliveryOutcome(EmailStatus.SUPPRESSED)
        lease = email.lease_expires_at
        if email.status == EmailStatus.SENDING and lease is not None and lease > now:
            # Someone else holds it; look again once their lease has run out.
            remaining = (lease - now).total_seconds()
            return DeliveryOutcome(EmailStatus.SENDING, retry_in=math.ceil(remaining) + 1)
        email.status = EmailStatus.SENDING
        email.attempts += 1
        email.lease_expires_at = now + timedelta(seconds=settings.OUTBOX_SEND_LEASE_SECONDS)
        email.save(update_fields=["status", "attempts", "lease_expires_at"])
    return email


def _send(email: OutboundEmail) -> None:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text_body,
        from_email=email.from_email,
        to=[email.to_email],
        headers={**email.headers, "Message-ID": _message_id(email)},
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    for attachment in email.attachments:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content_base64"]),
            attachment["mimetype"],
        )
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    if connection.send_messages([message]) != 1:
        raise RuntimeError("the mail backend reported that nothing was sent")


def _message_id(email: OutboundEmail) -> str:
    """The same Message-ID on every attempt, so a rare second copy is recognisable."""
    domain = parseaddr(email.from_email)[1].rpartition("@")[2] or "ruhrbridge.example"
    digest = hashlib.sha256(email.idempotency_key.encode()).hexdigest()[:32]
    return f"<{digest}@{domain}>"


def _record_failure(email: OutboundEmail, exc: Exception) -> DeliveryOutcome:
    error = f"{type(exc).__name__}: {exc}"[:2000]
    sending = OutboundEmail.objects.filter(pk=email.pk, status=EmailStatus.SENDING)
    if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        sending.update(
            status=EmailStatus.FAILED, last_error=error, lease_expires_at=None, next_attempt_at=None
        )
        logger.error("email failed for good id=%s attempts=%s: %s", email.pk, email.attempts, error)
        return DeliveryOutcome(EmailStatus.FAILED)
    delay = retry_delay(email.attempts)
    sending.update(
        status=EmailStatus.QUEUED,
        last_error=error,
        lease_expires_at=None,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
    )
    logger.warning(
        "email send failed id=%s attempt=%s, retry in %ss: %s",
        email.pk,
        email.attempts,
        delay,
        error,
    )
    return DeliveryOutcome(EmailStatus.QUEUED, retry_in=delay)


def emails_requeue_stalled() -> int:
    """Hand rows whose task was lost (dead worker, flushed broker) to a new task."""
    now = timezone.now()
    stalled = OutboundEmail.objects.filter(
        Q(status=EmailStatus.QUEUED, next_attempt_at__lt=now - STALLED_AFTER)
        | Q(status=EmailStatus.SENDING, lease_expires_at__lt=now)
    ).values_list("pk", flat=True)[:REQUEUE_BATCH]
    email_ids = list(stalled)
    for email_id in email_ids:
        _enqueue_delivery(email_id)
    return len(email_ids)


def emails_erase_old_bodies() -> int:
    """Bodies are personal data: blank them once they are older than the retention period."""
    now = timezone.now()
    cutoff = now - timedelta(days=settings.OUTBOX_BODY_RETENTION_DAYS)
    return OutboundEmail.objects.filter(
        Q(status=EmailStatus.SENT, sent_at__lt=cutoff)
        | Q(status__in=(EmailStatus.FAILED, EmailStatus.SUPPRESSED), created_at__lt=cutoff),
        body_erased_at__isnull=True,
    ).update(text_body="", html_body="", attachments=[], body_erased_at=now)


@transaction.atomic
def email_resend(*, actor, email_id: int) -> None:
    """Staff give a failed e-mail another round of attempts."""
    if not actor.is_staff:
        raise PermissionDenied(_("Only agency staff can re-send e-mails."))
    email = OutboundEmail.objects.select_for_update().get(pk=email_id)
    if email.status != EmailStatus.FAILED:
        raise ValidationError(
            _("Only failed e-mails can be re-sent; this one is “%(status)s”.")
            % {"status": email.get_status_display()}
        )
    if email.body_erased_at:
        raise ValidationError(_("This e-mail's body has been erased; it cannot be re-sent."))
    email.status = EmailStatus.QUEUED
    email.attempts = 0
    email.next_attempt_at = timezone.now()
    email.save(update_fields=["status", "attempts", "next_attempt_at"])
    _enqueue_delivery(email.pk)


# --- In-app notifications and the choice of what comes by e-mail ------------------------------


def notify(
    *, user, kind: str, params: dict, url: str = "", key: str | None = None
) -> Notification | None:
    """Tell one person in the app; with a `key`, a second call with it changes nothing.

    Returns the new notification, or None when one with the key existed already.
    """
    if kind not in NotificationKind.values:
        raise ValidationError(_("“%(kind)s” is not a kind of notification.") % {"kind": kind})
    fields = {"kind": kind, "params": params, "url": url}
    if not key:
        return Notification.objects.create(user=user, **fields)
    notification, created = Notification.objects.get_or_create(user=user, key=key, defaults=fields)
    return notification if created else None


@dataclass(frozen=True)
class NotificationDraft:
    user_id: int
    kind: str
    params: dict
    url: str
    key: str


def notify_many(*, drafts: list[NotificationDraft]) -> None:
    """Many keyed notifications in one insert; the keys that exist already are skipped."""
    rows = [
        Notification(
            user_id=draft.user_id,
            kind=draft.kind,
            params=draft.params,
            url=draft.url,
            key=draft.key,
        )
        for draft in drafts
        if draft.key
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)


def notification_mark_read(*, user, notification_id: int) -> bool:
    """Mark one of the user's own notifications read; False if it was read or is not theirs."""
    return bool(
        Notification.objects.filter(pk=notification_id, user=user, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    )


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def notification_settings_save(*, user, email_kinds: list[str]) -> NotificationSetting:
    unknown = sorted(set(email_kinds) - {str(kind) for kind in EMAIL_KINDS})
    if unknown:
        raise ValidationError(
            _("These are not kinds of e-mail one can choose: %(kinds)s.")
            % {"kinds": ", ".join(unknown)}
        )
    setting, _created = NotificationSetting.objects.select_for_update().get_or_create(user=user)
    # Stored in the settings page's order, so the export reads like the page.
    setting.email_kinds = [str(kind) for kind in EMAIL_KINDS if kind in email_kinds]
    setting.save(update_fields=["email_kinds", "updated_at"])
    return setting


# --- The weekly digest of new strong matches --------------------------------------------------


def digest_week(moment) -> str:
    """The ISO week of a moment in Berlin, as in ``2026-W48``: one digest per person and week."""
    year, week, _weekday = timezone.localtime(moment, DIGEST_ZONE).isocalendar()
    return f"{year}-W{week:02d}"


def match_digest_send(
    *, user, subject: str, text_body: str, html_body: str, language: str, now=None
) -> bool:
    """Put one person's weekly digest into the outbox, at most once per week.

    Every digest goes through here, so headers they all need are added in one place.
    Returns whether an e-mail was stored; a second call in the same week stores nothing
    and leaves the time of the last digest as it was.
    """
    now = now or timezone.now()
    with transaction.atomic():
        _email, created = email_enqueue(
            to=user.email,
            subject=subject,
            text_body=text_body,
            html_body=html_body,
            language=language,
            key=f"digest:{user.pk}:{digest_week(now)}",
            unsubscribe=(user, NotificationKind.STRONG_MATCHES),
        )
        if created:
            setting, _new = NotificationSetting.objects.get_or_create(user=user)
            setting.last_digest_at = now
            setting.save(update_fields=["last_digest_at", "updated_at"])
    return created


@dataclass(frozen=True)
class StrongPair:
    company_id: int
    partner_company_id: int | None
    partner_offer_id: int | None


def announced_matches_record(
    *, bridge_id: int, match_kind: str, pairs: list[StrongPair], now=None
) -> list[StrongPair]:
    """Record the strong pairs of a bridge that were never announced, and return them.

    A pair announced once is never new again, however often a run writes it afresh.
    """
    now = now or timezone.now()
    known = set(
        AnnouncedMatch.objects.filter(bridge_id=bridge_id, match_kind=match_kind).values_list(
            "company_id", "partner_company_id", "partner_offer_id"
        )
    )
    new = [
        pair
        for pair in dict.fromkeys(pairs)
        if (pair.company_id, pair.partner_company_id, pair.partner_offer_id) not in known
    ]
    AnnouncedMatch.objects.bulk_create(
        [
            AnnouncedMatch(
                bridge_id=bridge_id,
                match_kind=match_kind,
                company_id=pair.company_id,
                partner_company_id=pair.partner_company_id,
                partner_offer_id=pair.partner_offer_id,
                announced_at=now,
            )
            for pair in new
        ],
        ignore_conflicts=True,
        batch_size=2000,
    )
    return new
