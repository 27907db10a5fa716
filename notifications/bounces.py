"""Bounces and complaints the mail provider reports, by webhook or in a bounce file.

Every event is stored once by its id, so a replay changes nothing. A hard bounce or a
complaint makes the address undeliverable: the outbox sends nothing more to it, not even
a password reset (it could not arrive anyway). Soft bounces are recorded, nothing more.
See docs/operations-email.md.
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from notifications.enums import (
    BounceType,
    EmailEventSource,
    EmailEventType,
    SuppressionReason,
)
from notifications.models import EmailEvent, SuppressedAddress

IMPORT_COLUMNS = ("email", "type", "bounce_type", "timestamp", "id")
REQUIRED_IMPORT_COLUMNS = ("email", "type", "timestamp")


@dataclass(frozen=True)
class ProviderEvent:
    event_id: str
    type: str
    bounce_type: str
    email: str
    occurred_at: datetime


class EventError(ValueError):
    """One event cannot be read; says which field and why."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name
        self.message = message


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))


def provider_event(raw: dict, *, fallback_id: str = "") -> ProviderEvent:
    """Check one event as the provider sent it; raise EventError naming the bad field."""
    email = _text(raw.get("email")).lower()
    try:
        validate_email(email)
    except ValidationError:
        raise EventError("email", f"“{email}” is not an e-mail address.") from None
    kind = _text(raw.get("type")).lower()
    if kind not in EmailEventType.values:
        known = ", ".join(EmailEventType.values)
        raise EventError("type", f"“{kind}” is not a type of event; use one of {known}.")
    bounce_type = _text(raw.get("bounce_type")).lower()
    if kind == EmailEventType.BOUNCE and bounce_type not in BounceType.values:
        raise EventError("bounce_type", "a bounce needs the bounce type hard or soft.")
    if kind != EmailEventType.BOUNCE:
        bounce_type = ""
    occurred_at = _moment(raw.get("timestamp"))
    event_id = _text(raw.get("id")) or fallback_id
    if not event_id:
        raise EventError("id", "the event has no id.")
    if len(event_id) > 200:
        raise EventError("id", "the event id is longer than 200 characters.")
    return ProviderEvent(event_id, kind, bounce_type, email, occurred_at)


def _moment(value) -> datetime:
    """An ISO 8601 time or Unix seconds; a time without a zone is taken as UTC."""
    text = _text(value)
    moment = None
    if text.replace(".", "", 1).isdigit():
        moment = datetime.fromtimestamp(float(text), tz=UTC)
    elif text:
        try:
            moment = parse_datetime(text)
        except ValueError:
            moment = None
    if moment is None:
        raise EventError(
            "timestamp", f"“{text}” is not a time such as 2026-11-25T18:00:00Z or Unix seconds."
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment


def _suppression_reason(event: ProviderEvent) -> str | None:
    if event.type == EmailEventType.COMPLAINT:
        return SuppressionReason.COMPLAINT
    if event.type == EmailEventType.BOUNCE and event.bounce_type == BounceType.HARD:
        return SuppressionReason.HARD_BOUNCE
    return None


@transaction.atomic
def email_events_record(*, events: list[ProviderEvent], source: str) -> int:
    """Store the events not seen before and suppress their addresses where due.

    Returns how many were new; events whose id is known already change nothing.
    """
    known = set(
        EmailEvent.objects.filter(event_id__in=[e.event_id for e in events]).values_list(
            "event_id", flat=True
        )
    )
    new = 0
    for event in events:
        if event.event_id in known:
            continue
        known.add(event.event_id)
        EmailEvent.objects.create(
            event_id=event.event_id,
            type=event.type,
            bounce_type=event.bounce_type,
            email=event.email,
            occurred_at=event.occurred_at,
            source=source,
        )
        new += 1
        reason = _suppression_reason(event)
        if reason is not None:
            _suppress(event, reason, source)
    return new


def _suppress(event: ProviderEvent, reason: str, source: str) -> None:
    address, created = SuppressedAddress.objects.select_for_update().get_or_create(
        email=event.email,
        defaults={
            "reason": reason,
            "source": source,
            "first_seen": event.occurred_at,
            "last_seen": event.occurred_at,
        },
    )
    if created:
        return
    address.events_count += 1
    address.first_seen = min(address.first_seen, event.occurred_at)
    address.last_seen = max(address.last_seen, event.occurred_at)
    address.save(update_fields=["events_count", "first_seen", "last_seen"])


def suppressed_addresses_for(*, emails) -> dict[str, SuppressedAddress]:
    """The undeliverable ones among these addresses, by lower-case address, in one query."""
    lowered = {email.lower() for email in emails if email}
    return {s.email: s for s in SuppressedAddress.objects.filter(email__in=lowered)}


# --- A provider's bounce file -----------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}, column {self.column}" if self.column else f"row {self.row}"
        return f"{where}: {self.message}"


@dataclass
class BounceImportResult:
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    new: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class BounceFileError(Exception):
    """The file as a whole cannot be read."""


def _import_id(row: dict[str, str]) -> str:
    """Rows without an id get one from their content, so a second import of the file
    changes nothing."""
    seed = "|".join(row.get(column, "").strip().lower() for column in IMPORT_COLUMNS[:4])
    return "import:" + hashlib.sha256(seed.encode()).hexdigest()[:40]


def _read_rows(content: bytes) -> tuple[list[str], list[list[str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BounceFileError(
            f"The file is not UTF-8 (byte {error.start + 1} cannot be read)."
        ) from None
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise BounceFileError(
            "The file is empty: it needs the header row email,type,bounce_type,timestamp[,id]."
        )
    header = [cell.strip().lower() for cell in rows[0]]
    unknown = [column for column in header if column not in IMPORT_COLUMNS]
    if unknown:
        raise BounceFileError(
            f"Unknown column(s): {', '.join(unknown)}. "
            f"The columns are {', '.join(IMPORT_COLUMNS)} (id optional)."
        )
    missing = [column for column in REQUIRED_IMPORT_COLUMNS if column not in header]
    if missing:
        raise BounceFileError(f"Missing column(s): {', '.join(missing)}.")
    return header, rows[1:]


def bounces_import(content: bytes) -> BounceImportResult:
    """Check every row first; on any error record nothing, else record all in one go."""
    header, rows = _read_rows(content)
    result = BounceImportResult()
    events = []
    for number, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row = dict(zip(header, cells, strict=False))
        try:
            events.append(provider_event(row, fallback_id=_import_id(row)))
        except EventError as error:
            result.errors.append(RowError(number, error.field_name, error.message))
    result.rows = len(events)
    if result.ok:
        result.new = email_events_record(events=events, source=EmailEventSource.IMPORT)
    return result
