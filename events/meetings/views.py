"""The meetings pages of an event: meet people, the personal agenda, the staff's grid.

Only registered participants (and staff) may open them; for anyone else the event's
meetings do not exist (a 404).
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from events.meetings import services
from events.meetings.calendar import meeting_ics
from events.meetings.forms import MeetingMoveForm, MeetingRequestForm
from events.meetings.selectors import (
    agenda_for,
    event_for_meetings,
    meeting_grid,
    meeting_of,
    pair_label,
    people_for,
    person_label,
    requests_for,
)
from events.meetings.slots import meeting_days, meeting_slots
from events.models import Event, MeetingTable, Registration


def _event(request: HttpRequest, slug: str) -> tuple[Event, Registration | None]:
    found = event_for_meetings(user=request.user, slug=slug)
    if found is None:
        raise Http404
    return found


def _participant(request: HttpRequest, slug: str) -> tuple[Event, Registration]:
    event, registration = _event(request, slug)
    if registration is None:
        raise Http404
    return event, registration


def _people_url(event: Event) -> str:
    return reverse("meetings:people", kwargs={"slug": event.slug})


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _people_page(
    request: HttpRequest,
    event: Event,
    registration: Registration | None,
    *,
    participants=None,
    form=None,
) -> HttpResponse:
    """Meet people; ``participants`` are people_for()'s (suggested, others) if already read,
    ``form`` a refused request, shown again with what was typed."""
    if participants is None:
        participants = people_for(event=event, registration=registration, language=get_language())
    suggested, others = participants
    incoming, outgoing = requests_for(registration=registration) if registration else ([], [])
    if form is None:
        form = MeetingRequestForm(
            initial={"invitee": request.GET.get("with", "")},
            people=[*suggested, *others],
            slots=meeting_slots(event),
            zone=event.tzinfo,
        )
    context = {
        "event": event,
        "registration": registration,
        "suggested": suggested,
        "others": others,
        "incoming": incoming,
        "outgoing": outgoing,
        "form": form,
    }
    return render(request, "events/meetings/people.html", context)


@login_required
@require_GET
def people(request: HttpRequest, slug: str) -> HttpResponse:
    event, registration = _event(request, slug)
    return _people_page(request, event, registration)


@login_required
@require_POST
def meeting_request(request: HttpRequest, slug: str) -> HttpResponse:
    event, registration = _participant(request, slug)
    suggested, others = people_for(event=event, registration=registration, language=get_language())
    form = MeetingRequestForm(
        request.POST, people=[*suggested, *others], slots=meeting_slots(event), zone=event.tzinfo
    )
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return _people_page(
            request, event, registration, participants=(suggested, others), form=form
        )
    try:
        services.meeting_request(
            actor=request.user,
            event_id=event.pk,
            invitee_id=form.cleaned_data["invitee"],
            wished_start=form.cleaned_data["wished_start"],
            message=form.cleaned_data["message"],
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
        return _people_page(
            request, event, registration, participants=(suggested, others), form=form
        )
    messages.success(request, _("Your request has been sent. We will e-mail you the answer."))
    return redirect(_people_url(event))


ANSWERS = {
    "accept": (
        services.meeting_accept,
        gettext_lazy("The meeting is booked; it is on your agenda."),
    ),
    "decline": (services.meeting_decline, gettext_lazy("You have declined the request.")),
    "cancel": (services.meeting_cancel, gettext_lazy("The meeting has been cancelled.")),
}


def _answer(request: HttpRequest, slug: str, meeting_id: int, verb: str) -> HttpResponse:
    event, registration = _participant(request, slug)
    if meeting_of(registration=registration, meeting_id=meeting_id) is None:
        raise Http404
    service, done = ANSWERS[verb]
    try:
        service(actor=request.user, event_id=event.pk, meeting_id=meeting_id)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, done)
    return redirect(_people_url(event))


@login_required
@require_POST
def meeting_accept(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    return _answer(request, slug, meeting_id, "accept")


@login_required
@require_POST
def meeting_decline(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    return _answer(request, slug, meeting_id, "decline")


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    return _answer(request, slug, meeting_id, "cancel")


@login_required
@require_GET
def agenda(request: HttpRequest, slug: str) -> HttpResponse:
    event, registration = _participant(request, slug)
    days: dict[date, list] = {}
    for own in agenda_for(registration=registration):
        local = timezone.localtime(own.meeting.starts_at, event.tzinfo)
        days.setdefault(local.date(), []).append(own)
    context = {"event": event, "registration": registration, "days": list(days.items())}
    return render(request, "events/meetings/agenda.html", context)


@login_required
@require_GET
def meeting_calendar(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """The calendar entry of one of one's booked meetings, the one the e-mail attaches."""
    event, registration = _participant(request, slug)
    own = next(
        (own for own in agenda_for(registration=registration) if own.meeting.pk == meeting_id), None
    )
    if own is None:
        raise Http404
    url = request.build_absolute_uri(reverse("meetings:agenda", kwargs={"slug": event.slug}))
    content = meeting_ics(own.meeting, partner=person_label(own.partner), url=url)
    response = HttpResponse(content, "text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting_id}.ics"'
    return response


def _staff_event(request: HttpRequest, slug: str) -> Event:
    if not request.user.is_staff:
        raise Http404
    return _event(request, slug)[0]


def _day(request: HttpRequest, event: Event) -> date:
    days = meeting_days(event)
    try:
        chosen = date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return days[0]
    return chosen if chosen in days else days[0]


@login_required
@require_GET
def grid(request: HttpRequest, slug: str) -> HttpResponse:
    event = _staff_event(request, slug)
    day = _day(request, event)
    tables, rows = meeting_grid(event=event, day=day)
    slots = meeting_slots(event)

    def cell(meeting):
        if meeting is None:
            return None
        form = MeetingMoveForm(
            initial={"starts_at": meeting.starts_at.isoformat(), "table": meeting.table_id},
            auto_id=f"id_move_{meeting.pk}_%s",
            slots=slots,
            tables=tables,
            zone=event.tzinfo,
        )
        return {"meeting": meeting, "label": pair_label(meeting), "form": form}

    context = {
        "event": event,
        "day": day,
        "days": meeting_days(event),
        "tables": tables,
        "rows": [(row.slot, [cell(meeting) for meeting in row.cells]) for row in rows],
    }
    return render(request, "events/meetings/grid.html", context)


@login_required
@require_POST
def meeting_move(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    event = _staff_event(request, slug)
    grid_url = reverse("meetings:grid", kwargs={"slug": event.slug})
    form = MeetingMoveForm(
        request.POST,
        slots=meeting_slots(event),
        tables=MeetingTable.objects.filter(event=event),
        zone=event.tzinfo,
    )
    if not form.is_valid():
        messages.error(request, _("Choose one of the event's meeting times and tables."))
        return redirect(grid_url)
    try:
        services.meeting_move(
            actor=request.user,
            event_id=event.pk,
            meeting_id=meeting_id,
            starts_at=form.cleaned_data["starts_at"],
            table_id=form.cleaned_data["table"],
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The meeting has been moved; both people have been told."))
    return redirect(
        f"{grid_url}?day={form.cleaned_data['starts_at'].astimezone(event.tzinfo).date()}"
    )
