"""Events of the bridges, their programme, and who registered for them."""

import re
import secrets
import zoneinfo
from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import validate_time_zone
from bridges.models import Bridge, PartnerOrganisation, Sector, in_language
from events.enums import (
    Attendance,
    EventKind,
    EventVisibility,
    MeetingStatus,
    RegistrationStatus,
)

# Paths under /events/ that are not an event; an event may not take them as its slug.
RESERVED_SLUGS = frozenset({"mine", "feed"})


def validate_event_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(value)s” is reserved; choose another slug."), params={"value": value}
        )


BREAK_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")


def parse_breaks(value: str) -> list[tuple[time, time]]:
    """ "12:00-13:00, 15:30-15:45" as pairs of times; raises ValueError on anything else."""
    breaks = []
    for part in (item.strip() for item in value.split(",")):
        if not part:
            continue
        if not BREAK_PATTERN.match(part):
            raise ValueError(part)
        start, end = (time.fromisoformat(moment) for moment in part.split("-"))
        if end <= start:
            raise ValueError(part)
        breaks.append((start, end))
    return sorted(breaks)


def validate_breaks(value: str) -> None:
    try:
        parse_breaks(value)
    except ValueError as error:
        raise ValidationError(
            _("“%(value)s” is not a break like 12:00-13:00."), params={"value": str(error)}
        ) from None


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class Event(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True, validators=[validate_event_slug])
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    bridges = models.ManyToManyField(Bridge, related_name="events", verbose_name=_("bridges"))
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    venue = models.CharField(
        _("venue"), max_length=300, blank=True, help_text=_("Name and address; empty if online.")
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to people who are registered.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("Where the event takes place, e.g. Europe/London."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: open right away.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: when it starts.")
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=8,
        choices=EventVisibility.choices,
        default=EventVisibility.PUBLIC,
    )
    organisers = models.ManyToManyField(
        PartnerOrganisation,
        blank=True,
        related_name="events",
        verbose_name=_("co-organisers"),
        help_text=_("Partner organisations that run the event with Business Metropole Ruhr."),
    )
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="events", verbose_name=_("sectors")
    )
    meetings_enabled = models.BooleanField(
        _("1:1 meetings"),
        default=False,
        help_text=_("Registered participants may ask each other for meetings at tables."),
    )
    meeting_minutes = models.PositiveSmallIntegerField(
        _("meeting length (minutes)"), default=20, validators=[MinValueValidator(5)]
    )
    meetings_start = models.TimeField(
        _("meetings from"), default=time(9), help_text=_("Each day, in the event's time zone.")
    )
    meetings_end = models.TimeField(_("meetings until"), default=time(17))
    meeting_breaks = models.CharField(
        _("breaks"),
        max_length=200,
        blank=True,
        validators=[validate_breaks],
        help_text=_("No meetings then, e.g. “12:00-13:00, 15:30-15:45”."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="events_event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="events_event_capacity_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(venue="", online_url=""),
                name="events_event_has_venue_or_link",
            ),
            models.CheckConstraint(
                condition=models.Q(registration_opens_at__isnull=True)
                | models.Q(registration_closes_at__isnull=True)
                | models.Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="events_event_registration_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(meetings_end__gt=models.F("meetings_start")),
                name="events_event_meetings_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if not self.venue and not self.online_url:
            errors["venue"] = _("Give a venue, an online link, or both.")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if self.meetings_start and self.meetings_end and self.meetings_end <= self.meetings_start:
            errors["meetings_end"] = _("Meetings must end after they start.")
        if errors:
            raise ValidationError(errors)

    @property
    def title(self) -> str:
        return in_language(self.title_de, self.title_en)

    @property
    def description(self) -> str:
        return in_language(self.description_de, self.description_en)

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def registration_deadline(self):
        return self.registration_closes_at or self.starts_at

    @property
    def attendance_modes(self) -> list[str]:
        modes: list[str] = []
        if self.venue:
            modes.append(Attendance.IN_PERSON)
        if self.online_url:
            modes.append(Attendance.ONLINE)
        return modes

    @property
    def takes_guests(self) -> bool:
        """Webinars also take verified people without a company profile."""
        return self.kind == EventKind.WEBINAR


class ProgrammeDay(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="days", verbose_name=_("event")
    )
    date = models.DateField(_("date"))
    theme_de = models.CharField(_("theme (German)"), max_length=200, blank=True)
    theme_en = models.CharField(_("theme (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("programme day")
        verbose_name_plural = _("programme days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["event", "date"], name="events_day_once_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.event} – {self.date:%Y-%m-%d}"

    @property
    def theme(self) -> str:
        return in_language(self.theme_de, self.theme_en)


class Session(models.Model):
    """A slot of a programme day; times are wall-clock times in the event's time zone."""

    day = models.ForeignKey(
        ProgrammeDay, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("day")
    )
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")),
                name="events_session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_de, self.title_en)


class Registration(models.Model):
    """One person's place at an event: one row per person and event, kept when cancelled so
    that a calendar learns of the cancellation and a new registration keeps its UID."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("user"),
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("company"),
        help_text=_("Empty for a guest of a webinar."),
    )
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    waitlist_position = models.PositiveIntegerField(
        _("position on the waiting list"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    ics_sequence = models.PositiveIntegerField(
        _("calendar sequence"),
        default=0,
        help_text=_("Counts the changes, so that calendars replace the old entry."),
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="events_registration_once"),
            models.UniqueConstraint(
                fields=["event", "waitlist_position"],
                condition=models.Q(waitlist_position__isnull=False),
                name="events_registration_waitlist_position_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status=RegistrationStatus.WAITLISTED, waitlist_position__isnull=False
                )
                | (
                    ~models.Q(status=RegistrationStatus.WAITLISTED)
                    & models.Q(waitlist_position__isnull=True)
                ),
                name="events_registration_position_iff_waitlisted",
            ),
            models.CheckConstraint(
                condition=models.Q(status=RegistrationStatus.CANCELLED, cancelled_at__isnull=False)
                | (
                    ~models.Q(status=RegistrationStatus.CANCELLED)
                    & models.Q(cancelled_at__isnull=True)
                ),
                name="events_registration_cancelled_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(checked_in_at__isnull=True)
                | models.Q(status=RegistrationStatus.REGISTERED),
                name="events_registration_only_registered_check_in",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.event} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED

    @property
    def ics_uid(self) -> str:
        return f"event-{self.event_id}-registration-{self.pk}@ruhrbridge"


class CalendarFeed(models.Model):
    """A person's private calendar feed; whoever holds the token reads their registrations."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("user"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("events:feed", kwargs={"token": self.token})


class MeetingTable(models.Model):
    """A table or room where two people meet during the event."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="meeting_tables", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("meeting table")
        verbose_name_plural = _("meeting tables")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="events_meetingtable_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    """One person asks another for a 1:1 meeting; accepted, it has a slot and a table.

    On PostgreSQL an exclusion constraint (migration 0002) keeps a table from hosting two
    overlapping accepted meetings; `MeetingSeat` does the same for each person.
    """

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("event")
    )
    requester = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="meetings_requested",
        verbose_name=_("requested by"),
    )
    invitee = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="meetings_invited",
        verbose_name=_("invited"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.REQUESTED
    )
    wished_start = models.DateTimeField(_("wished time"), null=True, blank=True)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    table = models.ForeignKey(
        MeetingTable,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("table"),
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    ics_sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("invitee")),
                name="events_meeting_not_with_oneself",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=MeetingStatus.ACCEPTED)
                | models.Q(
                    starts_at__isnull=False,
                    ends_at__isnull=False,
                    table__isnull=False,
                    ends_at__gt=models.F("starts_at"),
                ),
                name="events_meeting_accepted_is_booked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester.user} – {self.invitee.user} ({self.get_status_display()})"

    @property
    def ics_uid(self) -> str:
        return f"event-{self.event_id}-meeting-{self.pk}@ruhrbridge"


class MeetingSeat(models.Model):
    """A person's place in an accepted meeting: on PostgreSQL, one person's active seats
    never overlap (exclusion constraint in migration 0002)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="seats", verbose_name=_("meeting")
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="meeting_seats",
        verbose_name=_("registration"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("meeting seat")
        verbose_name_plural = _("meeting seats")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "registration"], name="events_meetingseat_once"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="events_meetingseat_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration.user} @ {self.meeting_id}"


class DelegationStatus(models.TextChoices):
    OPEN = "open", _("Open for applications")
    CLOSED = "closed", _("Closed")


class DelegationApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    SELECTED = "selected", _("Selected")
    DECLINED = "declined", _("Declined")


class Stand(models.Model):
    """A stand at an event, e.g. the Greater Manchester stand at RuhrSummit."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="stands", verbose_name=_("event")
    )
    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    location = models.CharField(
        _("location"), max_length=120, blank=True, help_text=_("E.g. “Hall 2, stand B14”.")
    )
    companies = models.ManyToManyField(
        "companies.Company",
        through="StandExhibitor",
        related_name="stands",
        verbose_name=_("exhibiting companies"),
    )

    class Meta:
        verbose_name = _("stand")
        verbose_name_plural = _("stands")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name_en"], name="events_stand_name_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"

    @property
    def name(self) -> str:
        return in_language(self.name_de, self.name_en)


class StandExhibitor(models.Model):
    stand = models.ForeignKey(
        Stand, on_delete=models.CASCADE, related_name="exhibitors", verbose_name=_("stand")
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="stand_places",
        verbose_name=_("company"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("exhibiting company")
        verbose_name_plural = _("exhibiting companies")
        constraints = [
            models.UniqueConstraint(fields=["stand", "company"], name="events_standexhibitor_once")
        ]

    def __str__(self) -> str:
        return f"{self.company} @ {self.stand}"


class Delegation(models.Model):
    """A group of a bridge's companies that travels to an event; staff select who comes."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="delegations", verbose_name=_("event")
    )
    bridge = models.ForeignKey(
        Bridge,
        on_delete=models.PROTECT,
        related_name="delegations",
        verbose_name=_("bridge"),
        help_text=_("Companies that are approved members of this bridge may apply."),
    )
    stand = models.ForeignKey(
        Stand,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name=_("stand"),
        help_text=_("Selected companies exhibit at this stand."),
    )
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    travel_plan_de = models.TextField(
        _("travel plan (German)"), blank=True, help_text=_("Shown only to selected companies.")
    )
    travel_plan_en = models.TextField(
        _("travel plan (English)"), blank=True, help_text=_("Shown only to selected companies.")
    )
    travel_date = models.DateField(_("travelling on"))
    application_deadline = models.DateTimeField(_("application deadline"))
    seats = models.PositiveSmallIntegerField(
        _("seats"), validators=[MinValueValidator(1)], help_text=_("How many companies travel.")
    )
    status = models.CharField(
        _("status"), max_length=8, choices=DelegationStatus.choices, default=DelegationStatus.OPEN
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["travel_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seats__gte=1), name="events_delegation_seats_positive"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("delegations:detail", kwargs={"slug": self.event.slug, "pk": self.pk})

    def clean(self) -> None:
        stand = self.stand if self.stand_id else None
        if stand is not None and self.event_id and stand.event_id != self.event_id:
            raise ValidationError({"stand": _("Choose a stand at this delegation's event.")})

    @property
    def title(self) -> str:
        return in_language(self.title_de, self.title_en)

    @property
    def description(self) -> str:
        return in_language(self.description_de, self.description_en)

    @property
    def travel_plan(self) -> str:
        return in_language(self.travel_plan_de, self.travel_plan_en)


class DelegationApplication(models.Model):
    """A company's wish to travel with a delegation; one per company and delegation."""

    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("delegation"),
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="delegation_applications",
        verbose_name=_("company"),
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applied by"),
    )
    motivation = models.TextField(_("motivation"), max_length=2000)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=DelegationApplicationStatus.choices,
        default=DelegationApplicationStatus.APPLIED,
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why it was declined; the company reads it.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("delegation application")
        verbose_name_plural = _("delegation applications")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "company"], name="events_delegationapplication_once"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=DelegationApplicationStatus.DECLINED)
                | ~models.Q(reason=""),
                name="events_delegationapplication_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} – {self.delegation} ({self.get_status_display()})"
