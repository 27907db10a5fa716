"""Every write to 1:1 meetings: ask, accept (books a slot and a table), decline, cancel, move,
expire.

Bookings hold under concurrency because each one first locks the event's row: the check
"is this person and this table free then?" and the booking happen while no one else books
at the same event. On PostgreSQL exclusion constraints back this up in the database itself.
Each change reaches both people as an in-app notification and, unless they switched that
kind off, as an e-mail in their language; a booked meeting comes with its calendar entry.
"""

import base64
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from companies.enums import MembershipStatus
from companies.models import BridgeMembership
from events.enums import MeetingStatus, RegistrationStatus
from events.meetings.calendar import meeting_ics
from events.meetings.selectors import person_label
from events.meetings.slots import Slot, meeting_slots, slot_at
from events.models import Event, Meeting, MeetingSeat, MeetingTable, Registration
from leads.enums import LeadOrigin, LeadStage
from leads.services import lead_open
from notifications.enums import NotificationKind
from notifications.selectors import wants_email
from notifications.services import email_enqueue, notify
from notifications.texts import bilingual

OPEN = (MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED)


def _lock_event(event_id: int) -> Event:
    try:
        return Event.objects.select_for_update().get(pk=event_id)
    except Event.DoesNotExist:
        raise ValidationError(_("This event does not exist (any more).")) from None


def _check_open_for_meetings(event: Event) -> None:
    if not event.meetings_enabled:
        raise ValidationError(_("This event has no 1:1 meetings."))
    if timezone.now() >= event.starts_at:
        raise ValidationError(_("The event has begun; meetings can no longer be arranged online."))


def _registered(event: Event, **lookup) -> Registration | None:
    return (
        Registration.objects.select_related("user", "company")
        .filter(event=event, status=RegistrationStatus.REGISTERED, **lookup)
        .first()
    )


@transaction.atomic
def meeting_request(
    *,
    actor,
    event_id: int,
    invitee_id: int,
    wished_start: datetime | None = None,
    message: str = "",
) -> Meeting:
    """Ask another registered participant for a meeting, at a wished time or at any free one."""
    event = _lock_event(event_id)
    _check_open_for_meetings(event)
    requester = _registered(event, user=actor)
    if requester is None:
        raise PermissionDenied(_("Only registered participants can ask for meetings."))
    invitee = _registered(event, pk=invitee_id)
    if invitee is None:
        raise ValidationError(_("This person is not registered for the event."))
    if invitee.pk == requester.pk:
        raise ValidationError(_("You cannot ask yourself for a meeting."))
    if wished_start is not None and slot_at(event, wished_start) is None:
        raise ValidationError(_("Choose one of the meeting times of the event."))
    between = Meeting.objects.filter(event=event, status__in=OPEN).filter(
        requester__in=(requester, invitee), invitee__in=(requester, invitee)
    )
    if between.exists():
        raise ValidationError(
            _("You already have a meeting or an open request with this person. Nothing was sent.")
        )
    meeting = Meeting(
        event=event,
        requester=requester,
        invitee=invitee,
        wished_start=wished_start,
        message=message.strip(),
    )
    meeting.full_clean(validate_unique=False, validate_constraints=False)
    meeting.save()
    _announce(meeting, "requested")
    return meeting


def _meeting_for(event: Event, meeting_id: int) -> Meeting:
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("event", "requester__user", "invitee__user", "requester__company")
        .select_related("invitee__company", "table")
        .filter(event=event, pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise ValidationError(_("This meeting does not exist (any more)."))
    return meeting


def _check_state(meeting: Meeting, *states: str) -> None:
    if meeting.status not in states:
        raise ValidationError(
            _("This meeting is already “%(status)s”. Nothing was changed.")
            % {"status": meeting.get_status_display()}
        )


def _free_table(event: Event, slot: Slot, people: list[Registration], ignore: int):
    """The first table free in the slot if both people are free then, else None."""
    seats = MeetingSeat.objects.filter(
        registration__in=people,
        active=True,
        starts_at__lt=slot.ends_at,
        ends_at__gt=slot.starts_at,
    ).exclude(meeting_id=ignore)
    if seats.exists():
        return None
    taken = (
        Meeting.objects.filter(
            event=event,
            status=MeetingStatus.ACCEPTED,
            starts_at__lt=slot.ends_at,
            ends_at__gt=slot.starts_at,
        )
        .exclude(pk=ignore)
        .values("table_id")
    )
    return MeetingTable.objects.filter(event=event).exclude(pk__in=taken).first()


def _book(meeting: Meeting, slot: Slot, table: MeetingTable) -> None:
    meeting.starts_at, meeting.ends_at, meeting.table = slot.starts_at, slot.ends_at, table
    for registration in (meeting.requester, meeting.invitee):
        MeetingSeat.objects.update_or_create(
            meeting=meeting,
            registration=registration,
            defaults={"starts_at": slot.starts_at, "ends_at": slot.ends_at, "active": True},
        )


@transaction.atomic
def meeting_accept(*, actor, event_id: int, meeting_id: int) -> Meeting:
    """The invitee says yes: the wished time if both and a table are free then, otherwise the
    earliest slot that suits both."""
    event = _lock_event(event_id)
    _check_open_for_meetings(event)
    meeting = _meeting_for(event, meeting_id)
    if meeting.invitee.user_id != actor.pk:
        raise PermissionDenied(_("Only the person asked can accept a meeting."))
    _check_state(meeting, MeetingStatus.REQUESTED)
    people = [meeting.requester, meeting.invitee]
    now = timezone.now()
    if meeting.wished_start is not None:
        candidates = [slot for slot in [slot_at(event, meeting.wished_start)] if slot]
    else:
        candidates = [slot for slot in meeting_slots(event) if slot.starts_at > now]
    for slot in candidates:
        table = _free_table(event, slot, people, meeting.pk)
        if table is not None:
            break
    else:
        if meeting.wished_start is not None:
            raise ValidationError(
                _(
                    "The wished time is no longer free for both of you or no table is free "
                    "then. Decline and ask for another time. Nothing was changed."
                )
            )
        raise ValidationError(
            _("No slot is free for both of you at a free table. Nothing was changed.")
        )
    meeting.save()  # the row exists before its seats point to it
    _book(meeting, slot, table)
    meeting.status = MeetingStatus.ACCEPTED
    meeting.decided_at = now
    meeting.save(update_fields=["status", "decided_at", "starts_at", "ends_at", "table"])
    _announce(meeting, "accepted")
    return meeting


@transaction.atomic
def meeting_decline(*, actor, event_id: int, meeting_id: int) -> Meeting:
    meeting = _meeting_for(_lock_event(event_id), meeting_id)
    if meeting.invitee.user_id != actor.pk:
        raise PermissionDenied(_("Only the person asked can decline a meeting."))
    _check_state(meeting, MeetingStatus.REQUESTED)
    meeting.status = MeetingStatus.DECLINED
    meeting.decided_at = timezone.now()
    meeting.save(update_fields=["status", "decided_at"])
    _announce(meeting, "declined")
    return meeting


@transaction.atomic
def meeting_cancel(*, actor, event_id: int, meeting_id: int) -> Meeting:
    """Either person calls it off; a booked meeting frees its slot and table."""
    meeting = _meeting_for(_lock_event(event_id), meeting_id)
    if actor.pk not in (meeting.requester.user_id, meeting.invitee.user_id):
        raise PermissionDenied(_("Only the two people of a meeting can cancel it."))
    _check_state(meeting, *OPEN)
    was_booked = meeting.status == MeetingStatus.ACCEPTED
    meeting.status = MeetingStatus.CANCELLED
    meeting.decided_at = timezone.now()
    if was_booked:
        meeting.ics_sequence += 1
        MeetingSeat.objects.filter(meeting=meeting).update(active=False)
    meeting.save(update_fields=["status", "decided_at", "ics_sequence"])
    _announce(meeting, "cancelled")
    return meeting


@transaction.atomic
def meeting_move(*, actor, event_id: int, meeting_id: int, starts_at: datetime, table_id: int):
    """Staff move a booked meeting to another slot or table, if both people and the table
    are free then."""
    if not actor.is_staff:
        raise PermissionDenied(_("Only agency staff move meetings."))
    event = _lock_event(event_id)
    meeting = _meeting_for(event, meeting_id)
    _check_state(meeting, MeetingStatus.ACCEPTED)
    slot = slot_at(event, starts_at)
    table = MeetingTable.objects.filter(event=event, pk=table_id).first()
    if slot is None or table is None:
        raise ValidationError(_("Choose one of the event's meeting times and tables."))
    if (slot.starts_at, table.pk) == (meeting.starts_at, meeting.table_id):
        raise ValidationError(_("The meeting is already there. Nothing was changed."))
    seats = MeetingSeat.objects.filter(
        registration__in=(meeting.requester, meeting.invitee),
        active=True,
        starts_at__lt=slot.ends_at,
        ends_at__gt=slot.starts_at,
    ).exclude(meeting=meeting)
    table_taken = (
        Meeting.objects.filter(
            table=table,
            status=MeetingStatus.ACCEPTED,
            starts_at__lt=slot.ends_at,
            ends_at__gt=slot.starts_at,
        )
        .exclude(pk=meeting.pk)
        .exists()
    )
    if seats.exists() or table_taken:
        raise ValidationError(
            _("%(table)s or one of the two people is not free then. Nothing was changed.")
            % {"table": table}
        )
    _book(meeting, slot, table)
    meeting.ics_sequence += 1
    meeting.save(update_fields=["starts_at", "ends_at", "table", "ics_sequence"])
    _announce(meeting, "moved")
    return meeting


def meetings_expire(*, now: datetime | None = None) -> int:
    """Requests nobody answered before the event began lapse; both people are told."""
    now = now or timezone.now()
    expired = 0
    for meeting_id, event_id in Meeting.objects.filter(
        status=MeetingStatus.REQUESTED, event__starts_at__lte=now
    ).values_list("pk", "event_id"):
        with transaction.atomic():
            meeting = _meeting_for(_lock_event(event_id), meeting_id)
            if meeting.status != MeetingStatus.REQUESTED:
                continue
            meeting.status = MeetingStatus.EXPIRED
            meeting.decided_at = now
            meeting.save(update_fields=["status", "decided_at"])
            _announce(meeting, "expired")
            expired += 1
    return expired


# Each change, the kind of notification it is, and how people may switch its e-mail off.
KINDS = {
    "requested": NotificationKind.MEETING_REQUESTED,
    "accepted": NotificationKind.MEETING_BOOKED,
    "declined": NotificationKind.MEETING_DECLINED,
    "expired": NotificationKind.MEETING_DECLINED,
    "moved": NotificationKind.MEETING_MOVED,
    "cancelled": NotificationKind.MEETING_CANCELLED,
}


def _announce(meeting: Meeting, change: str) -> None:
    kind = KINDS[change]
    for own, other in (
        (meeting.requester, meeting.invitee),
        (meeting.invitee, meeting.requester),
    ):
        _notify(meeting, change, own, other)
        if wants_email(user=own.user, kind=kind):
            _email(meeting, change, own, other)


def _variant(meeting: Meeting, change: str, own: Registration) -> str:
    asked_by_me = own.pk == meeting.requester_id
    if change == "expired":
        return "expired"
    if change in ("requested", "declined") and asked_by_me:
        return "mine"
    return ""


def _notify(meeting: Meeting, change: str, own: Registration, other: Registration) -> None:
    """The in-app notice; its key makes a retried change notify once."""
    event = meeting.event
    when, table = {}, ""
    if meeting.starts_at is not None:
        table = str(meeting.table or "")
        for language in ("de", "en"):
            with translation.override(language):
                when[language] = _when(meeting)
    with translation.override(own.user.preferred_language or settings.LANGUAGE_CODE):
        url = reverse("meetings:agenda" if table else "meetings:people", args=[event.slug])
    notify(
        user=own.user,
        kind=KINDS[change],
        params={
            "variant": _variant(meeting, change, own),
            "event": bilingual(event.title_de, event.title_en),
            "other": person_label(other),
            "when": when,
            "table": table,
        },
        url=url,
        key=f"meeting-{change}:{meeting.pk}:{meeting.ics_sequence}:{own.pk}",
    )


def _subject(change: str, event: Event) -> str:
    subjects = {
        "requested": _("Meeting request at “%(event)s”"),
        "accepted": _("Meeting booked at “%(event)s”"),
        "declined": _("Meeting request declined at “%(event)s”"),
        "cancelled": _("Meeting cancelled at “%(event)s”"),
        "moved": _("Meeting moved at “%(event)s”"),
        "expired": _("Meeting request expired at “%(event)s”"),
    }
    return subjects[change] % {"event": event.title}


def _email(meeting: Meeting, change: str, own: Registration, other: Registration) -> None:
    user = own.user
    language = user.preferred_language or settings.LANGUAGE_CODE
    base_url = settings.SITE_URL.rstrip("/")
    event = meeting.event
    with translation.override(language):
        partner = person_label(other)
        url = base_url + reverse("meetings:people", kwargs={"slug": event.slug})
        context = {
            "change": change,
            "event": event,
            "partner": partner,
            "asked_by_me": own.pk == meeting.requester_id,
            "meeting": meeting,
            "when": _when(meeting),
            "zone": event.time_zone,
            "url": url,
        }
        body = render_to_string("events/meetings/email/change_body.txt", context).strip()
        frame = {**context, "body": body}
        attachments = []
        if meeting.starts_at is not None and change in ("accepted", "moved", "cancelled"):
            content = meeting_ics(meeting, partner=partner, url=url)
            attachments.append(
                {
                    "filename": f"meeting-{meeting.pk}.ics",
                    "mimetype": "text/calendar",
                    "content_base64": base64.b64encode(content).decode("ascii"),
                }
            )
        email_enqueue(
            to=user.email,
            subject=_subject(change, event),
            text_body=render_to_string("companies/email/self_service_message.txt", frame),
            html_body=render_to_string("companies/email/self_service_message.html", frame),
            language=language,
            key=f"meeting-{change}:{meeting.pk}:{meeting.ics_sequence}:{own.pk}",
            attachments=attachments,
            unsubscribe=(user, KINDS[change]),
        )


def _when(meeting: Meeting) -> str:
    moment = meeting.starts_at or meeting.wished_start
    if moment is None:
        return ""
    local = timezone.localtime(moment, meeting.event.tzinfo)
    return formats.date_format(local, "DATETIME_FORMAT")


@transaction.atomic
def meeting_lead_open(*, actor, meeting_id: int):
    """Staff note that a booked meeting took place: the two companies' lead opens (or the
    one they have is returned), at the stage "meeting held"."""
    if not actor.is_staff:
        raise PermissionDenied(_("Only agency staff open leads."))
    meeting = (
        Meeting.objects.select_related("event", "requester__company", "invitee__company")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None or meeting.status != MeetingStatus.ACCEPTED:
        raise ValidationError(_("Only a booked meeting can become a lead."))
    if meeting.starts_at is None or meeting.starts_at > timezone.now():
        raise ValidationError(_("This meeting has not taken place yet."))
    first, second = meeting.requester.company, meeting.invitee.company
    if first is None or second is None or first.pk == second.pk:
        raise ValidationError(_("A lead needs two different companies."))
    bridges = list(meeting.event.bridges.order_by("pk"))
    both_on = [
        bridge
        for bridge in bridges
        if BridgeMembership.objects.filter(
            bridge=bridge, company__in=(first, second), status=MembershipStatus.APPROVED
        ).count()
        == 2
    ]
    return lead_open(
        actor=actor,
        bridge=(both_on or bridges)[0],
        kind="partnership",
        company=first,
        partner_company=second,
        origin=LeadOrigin.STAFF,
        stage=LeadStage.MEETING_HELD,
        why=f"1:1 meeting at {meeting.event.title_en}",
    )


@transaction.atomic
def meetings_release_for(*, registration_id: int) -> int:
    """A person no longer comes: their open requests and booked meetings are cancelled, and
    the other people are told (booked ones with the calendar's cancellation)."""
    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None:
        return 0
    event = _lock_event(registration.event_id)
    released = 0
    for meeting_id in Meeting.objects.filter(
        Q(requester=registration) | Q(invitee=registration), status__in=OPEN, event=event
    ).values_list("pk", flat=True):
        meeting = _meeting_for(event, meeting_id)
        if meeting.status == MeetingStatus.ACCEPTED:
            meeting.ics_sequence += 1
            MeetingSeat.objects.filter(meeting=meeting).update(active=False)
        meeting.status = MeetingStatus.CANCELLED
        meeting.decided_at = timezone.now()
        meeting.save(update_fields=["status", "decided_at", "ics_sequence"])
        _announce(meeting, "cancelled")
        released += 1
    return released
