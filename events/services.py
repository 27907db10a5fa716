"""Every write to events: registration with capacity and waiting list, cancellation,
check-in, calendar feeds.

Capacity holds under concurrent sign-ups because every registration, cancellation and
promotion first locks the event's row: the count of registered people and the decision
"registered or waiting" happen while no one else can change them.
"""

import base64

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from companies.enums import MembershipStatus
from companies.models import BridgeMembership, Company, CompanyMember
from events.calendar import registration_ics
from events.enums import Attendance, EventVisibility, RegistrationStatus
from events.meetings.services import meetings_release_for
from events.models import CalendarFeed, Event, Registration, new_feed_token
from notifications.enums import NotificationKind
from notifications.selectors import wants_email
from notifications.services import email_enqueue, notify
from notifications.texts import bilingual

# Changing one of these changes what a calendar shows: the entries get a new SEQUENCE.
CALENDAR_FIELDS = frozenset(
    {"title_de", "title_en", "venue", "online_url", "time_zone", "starts_at", "ends_at"}
)


def _local(moment, event: Event) -> str:
    return formats.date_format(timezone.localtime(moment, event.tzinfo), "DATETIME_FORMAT")


def registration_window_error(*, event: Event, now) -> str:
    """Why registration is not possible right now, or "" if it is."""
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration opens on %(when)s (%(zone)s).") % {
            "when": _local(event.registration_opens_at, event),
            "zone": event.time_zone,
        }
    if now >= event.registration_deadline:
        return _("Registration closed on %(when)s (%(zone)s).") % {
            "when": _local(event.registration_deadline, event),
            "zone": event.time_zone,
        }
    return ""


def _company_for(*, actor, event: Event, company_id: int | None) -> Company | None:
    if company_id is None:
        if event.takes_guests and event.visibility == EventVisibility.PUBLIC:
            return None
        raise ValidationError(
            _(
                "This event is for the people of companies taking part in a bridge. Choose the "
                "company you attend for, or create your company's profile first."
            )
        )
    member = (
        CompanyMember.objects.select_related("company")
        .filter(user=actor, company_id=company_id)
        .first()
    )
    if member is None:
        raise ValidationError(_("You can only register for a company whose team you are in."))
    company = member.company
    if event.visibility == EventVisibility.MEMBERS_ONLY and not _approved_on_event_bridge(
        company, event
    ):
        raise ValidationError(
            _("%(company)s is not an approved member of a bridge of this event.")
            % {"company": company}
        )
    return company


def _approved_on_event_bridge(company: Company, event: Event) -> bool:
    return BridgeMembership.objects.filter(
        company=company,
        status=MembershipStatus.APPROVED,
        bridge__in=event.bridges.all(),
    ).exists()


def _check_may_register(*, actor, event: Event, attendance: str) -> None:
    if not EmailAddress.objects.filter(user=actor, verified=True).exists():
        raise PermissionDenied(_("Please confirm your e-mail address before you register."))
    error = registration_window_error(event=event, now=timezone.now())
    if error:
        raise ValidationError(error)
    if attendance not in event.attendance_modes:
        raise ValidationError(
            _("This event cannot be attended “%(attendance)s”.")
            % {"attendance": dict(Attendance.choices).get(attendance, attendance)}
        )


def _lock_event(event_id: int) -> Event:
    try:
        return Event.objects.select_for_update().get(pk=event_id)
    except Event.DoesNotExist:
        raise ValidationError(_("This event does not exist (any more).")) from None


def _registered_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()


@transaction.atomic
def registration_create(
    *, actor, event_id: int, attendance: str, company_id: int | None = None
) -> Registration:
    """Register, or join the waiting list once the event is full."""
    event = _lock_event(event_id)
    _check_may_register(actor=actor, event=event, attendance=attendance)
    company = _company_for(actor=actor, event=event, company_id=company_id)
    registration = Registration.objects.filter(event=event, user=actor).first()
    if registration is not None and registration.is_active:
        raise ValidationError(
            _("You are already on the list for this event (%(status)s). Nothing was changed.")
            % {"status": registration.get_status_display()}
        )
    if registration is None:
        registration = Registration(event=event, user=actor)
    else:
        registration.ics_sequence += 1
    registration.company = company
    registration.attendance = attendance
    registration.cancelled_at = None
    registration.checked_in_at = None
    if _registered_count(event) < event.capacity:
        registration.status = RegistrationStatus.REGISTERED
        registration.waitlist_position = None
    else:
        registration.status = RegistrationStatus.WAITLISTED
        last = Registration.objects.filter(event=event).aggregate(last=Max("waitlist_position"))
        registration.waitlist_position = (last["last"] or 0) + 1
    registration.full_clean(validate_unique=False, validate_constraints=False)
    registration.save()
    if registration.status == RegistrationStatus.REGISTERED:
        _notify(registration, NotificationKind.REGISTRATION_CONFIRMED, "event-registered")
    return registration


def _notify(registration: Registration, kind: str, key: str) -> None:
    event = registration.event
    notify(
        user=registration.user,
        kind=kind,
        params={"event": bilingual(event.title_de, event.title_en)},
        url=event.get_absolute_url(),
        key=f"{key}:{registration.pk}:{registration.ics_sequence}",
    )


@transaction.atomic
def registration_cancel(*, actor, event_id: int, base_url: str = "") -> Registration:
    """Cancel one's own place; a freed seat goes to the first person waiting."""
    event = _lock_event(event_id)
    registration = Registration.objects.select_for_update().filter(event=event, user=actor).first()
    if registration is None or not registration.is_active:
        raise ValidationError(_("You are not registered for this event. Nothing was changed."))
    if timezone.now() >= event.starts_at:
        raise ValidationError(
            _("This event has already begun; it can no longer be cancelled online.")
        )
    freed_a_seat = registration.status == RegistrationStatus.REGISTERED
    registration.status = RegistrationStatus.CANCELLED
    registration.waitlist_position = None
    registration.cancelled_at = timezone.now()
    registration.ics_sequence += 1
    registration.save(update_fields=["status", "waitlist_position", "cancelled_at", "ics_sequence"])
    meetings_release_for(registration_id=registration.pk)
    if freed_a_seat:
        _waitlist_promote(event, base_url)
    return registration


def _waitlist_promote(event: Event, base_url: str) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served; the caller holds the
    event's lock."""
    free = event.capacity - _registered_count(event)
    if free <= 0:
        return []
    waiting = list(
        Registration.objects.select_for_update()
        .select_related("user", "event")
        .filter(event=event, status=RegistrationStatus.WAITLISTED)
        .order_by("waitlist_position")[:free]
    )
    for registration in waiting:
        registration.status = RegistrationStatus.REGISTERED
        registration.waitlist_position = None
        registration.ics_sequence += 1
        registration.save(update_fields=["status", "waitlist_position", "ics_sequence"])
        _promotion_announce(registration, base_url)
    return waiting


def _promotion_announce(registration: Registration, base_url: str) -> None:
    """The notification, and the e-mail if wanted, go out in the same transaction as the
    promotion."""
    user = registration.user
    _notify(registration, NotificationKind.WAITLIST_PROMOTED, "event-promoted")
    if not wants_email(user=user, kind=NotificationKind.WAITLIST_PROMOTED):
        return
    language = user.preferred_language
    with translation.override(language):
        event = registration.event
        context = {
            "event": event,
            "starts": _local(event.starts_at, event),
            "zone": event.time_zone,
            "event_url": base_url.rstrip("/") + event.get_absolute_url(),
            "mine_url": base_url.rstrip("/") + _mine_path(),
        }
        body = render_to_string("events/email/promoted_body.txt", context).strip()
        frame = {**context, "body": body}
        email_enqueue(
            to=user.email,
            subject=render_to_string("events/email/promoted_subject.txt", context).strip(),
            text_body=render_to_string("companies/email/self_service_message.txt", frame),
            html_body=render_to_string("companies/email/self_service_message.html", frame),
            language=language,
            key=f"event-promoted:{registration.pk}:{registration.ics_sequence}",
            attachments=[_ics_attachment(registration, base_url)],
            unsubscribe=(user, NotificationKind.WAITLIST_PROMOTED),
        )


def _ics_attachment(registration: Registration, base_url: str) -> dict[str, str]:
    content = registration_ics(registration, base_url=base_url)
    return {
        "filename": f"{registration.event.slug}.ics",
        "mimetype": "text/calendar",
        "content_base64": base64.b64encode(content).decode("ascii"),
    }


def _mine_path() -> str:
    return reverse("events:mine")


@transaction.atomic
def event_waitlist_fill(*, event_id: int, base_url: str = "") -> list[Registration]:
    """After staff raise the capacity, the people waiting move up."""
    return _waitlist_promote(_lock_event(event_id), base_url)


@transaction.atomic
def event_calendar_changed(*, event_id: int) -> int:
    """The time, place or title changed: every calendar entry of it gets a new SEQUENCE, and
    the people on its list are told (by e-mail too, if they want)."""
    active = Registration.objects.filter(event_id=event_id).exclude(
        status=RegistrationStatus.CANCELLED
    )
    changed = active.update(ics_sequence=F("ics_sequence") + 1)
    # A past event's corrected title is news to no one.
    upcoming = active.filter(event__ends_at__gt=timezone.now())
    for registration in upcoming.select_related("user", "event"):
        _notify(registration, NotificationKind.EVENT_CHANGED, "event-changed")
        if wants_email(user=registration.user, kind=NotificationKind.EVENT_CHANGED):
            _change_announce(registration)
    return changed


def _change_announce(registration: Registration) -> None:
    user = registration.user
    language = user.preferred_language or settings.LANGUAGE_CODE
    base_url = settings.SITE_URL
    with translation.override(language):
        event = registration.event
        context = {
            "event": event,
            "starts": _local(event.starts_at, event),
            "zone": event.time_zone,
            "event_url": base_url.rstrip("/") + event.get_absolute_url(),
        }
        body = render_to_string("notifications/email/event_changed_body.txt", context).strip()
        frame = {**context, "body": body}
        email_enqueue(
            to=user.email,
            subject=render_to_string(
                "notifications/email/event_changed_subject.txt", context
            ).strip(),
            text_body=render_to_string("companies/email/self_service_message.txt", frame),
            html_body=render_to_string("companies/email/self_service_message.html", frame),
            language=language,
            key=f"event-changed:{registration.pk}:{registration.ics_sequence}",
            attachments=[_ics_attachment(registration, base_url)],
            unsubscribe=(user, NotificationKind.EVENT_CHANGED),
        )


def registrations_check_in(*, actor, registration_ids: list[int]) -> int:
    """Staff check people in on the day; only registered people, each once."""
    if not actor.is_staff:
        raise PermissionDenied(_("Only agency staff check people in."))
    return Registration.objects.filter(
        pk__in=registration_ids,
        status=RegistrationStatus.REGISTERED,
        checked_in_at__isnull=True,
    ).update(checked_in_at=timezone.now())


def calendar_feed_for(*, user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_regenerate(*, user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token", "created_at"])
    return feed


@transaction.atomic
def registrations_erase(*, user) -> None:
    """For the account's erasure: free the person's seats (the waiting move up), then forget."""
    for event_id in (
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .values_list("event_id", flat=True)
    ):
        event = _lock_event(event_id)
        for registration_id in Registration.objects.filter(event=event, user=user).values_list(
            "pk", flat=True
        ):
            meetings_release_for(registration_id=registration_id)
        Registration.objects.filter(event=event, user=user).delete()
        if timezone.now() < event.starts_at:
            _waitlist_promote(event, "")
    Registration.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
