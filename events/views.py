"""Public calendar, event pages, registration, and calendar files and feeds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from companies.models import Company
from events.calendar import feed_ics, registration_ics
from events.enums import RegistrationStatus
from events.filters import EventCalendarFilter
from events.forms import RegistrationForm
from events.models import CalendarFeed, Event
from events.selectors import (
    event_calendar,
    event_for_page,
    registration_of,
    registrations_of,
)
from events.services import (
    calendar_feed_for,
    calendar_feed_regenerate,
    registration_cancel,
    registration_create,
    registration_window_error,
)
from events.times import event_times, time_range, with_times

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _event_for_user(request: HttpRequest, slug: str) -> Event:
    """The event if this viewer may see it; otherwise it does not exist for them."""
    event = event_for_page(user=request.user, slug=slug)
    if event is None:
        raise Http404
    return event


def _companies_of(user) -> list[Company]:
    if not user.is_authenticated:
        return []
    return list(Company.objects.filter(members__user=user).order_by("name"))


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    """The event calendar; htmx swaps only the results, a plain GET works the same."""
    events = event_calendar(user=request.user, now=timezone.now())
    filters = EventCalendarFilter(request.GET, queryset=events)
    context = {"filters": filters, "events": with_times(list(filters.qs))}
    if request.htmx and request.htmx.target == "event-results":
        return render(request, "events/_calendar_results.html", context)
    return render(request, "events/calendar.html", context)


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_for_user(request, slug)
    own_times, viewer_times = event_times(event, request.user)
    registration = registration_of(user=request.user, event=event)
    form = RegistrationForm(event=event, companies=_companies_of(request.user))
    context = {
        "event": event,
        "own_times": own_times,
        "viewer_times": viewer_times,
        "registration": registration,
        "form": form,
        "window_error": registration_window_error(event=event, now=timezone.now()),
        "seats_left": max(event.capacity - event.registered_count, 0),
    }
    return render(request, "events/detail.html", context)


@login_required
@require_POST
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_for_user(request, slug)
    form = RegistrationForm(request.POST, event=event, companies=_companies_of(request.user))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(event)
    try:
        registration = registration_create(
            actor=request.user,
            event_id=event.pk,
            attendance=form.cleaned_data["attendance"],
            company_id=form.company_id(),
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
        return redirect(event)
    if registration.status == RegistrationStatus.REGISTERED:
        messages.success(request, _("You are registered. See you there!"))
    else:
        messages.info(
            request,
            _(
                "The event is full: you are number %(position)s on the waiting list. We will "
                "e-mail you as soon as a seat becomes free."
            )
            % {"position": registration.waitlist_position},
        )
    return redirect(event)


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


@login_required
@require_POST
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_for_user(request, slug)
    try:
        registration_cancel(actor=request.user, event_id=event.pk, base_url=_base_url(request))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Your registration is cancelled."))
    if request.POST.get("next") == "mine":
        return redirect("events:mine")
    return redirect(event)


@login_required
@require_GET
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """The calendar entry of one's own registration."""
    event = _event_for_user(request, slug)
    registration = registration_of(user=request.user, event=event)
    if registration is None:
        raise Http404
    registration.event = event
    response = HttpResponse(
        registration_ics(registration, base_url=_base_url(request)), ICS_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@login_required
@require_GET
def my_registrations(request: HttpRequest) -> HttpResponse:
    registrations = list(registrations_of(user=request.user))
    for registration in registrations:
        event = registration.event
        registration.times = time_range(event.starts_at, event.ends_at, event.time_zone)
    feed = calendar_feed_for(user=request.user)
    return render(
        request,
        "events/mine.html",
        {
            "registrations": registrations,
            "feed_url": request.build_absolute_uri(feed.get_absolute_url()),
        },
    )


@login_required
@require_POST
def feed_regenerate(request: HttpRequest) -> HttpResponse:
    calendar_feed_regenerate(user=request.user)
    messages.success(
        request,
        _("Your calendar feed has a new address; the old one no longer works."),
    )
    return redirect("events:mine")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """A private feed: the secret token in the address is the permission."""
    calendar_feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if calendar_feed is None:
        raise Http404
    user = calendar_feed.user
    with translation.override(user.preferred_language):
        body = feed_ics(
            registrations_of(user=user),
            base_url=_base_url(request),
            name=_("RuhrBridge events"),
        )
    response = HttpResponse(body, ICS_CONTENT_TYPE)
    response["Cache-Control"] = "private, no-store"
    return response
