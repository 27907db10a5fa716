"""Import companies from CSV or XLSX files: a contract that staff scripts rely on.

Every row is checked first; if any cell is wrong nothing is written and every
error is reported as ``row R, column C: message`` (the header is row 1). A good
file is written in one transaction. Importing the same file twice changes
nothing: a row is the same company as an existing one when name and country
match, or when the website's domain does. An empty cell leaves the stored value
as it is. See docs/import.md.
"""

import csv
import difflib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models, transaction
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from bridges.models import Bridge, Capability, Municipality, PartnershipType, Sector
from bridges.places import RuhrPlaces
from companies.enums import (
    CompanySize,
    ContactSource,
    MembershipStatus,
    Origin,
    SettlementTimeline,
    Visibility,
)
from companies.models import BridgeMembership, Company, CompanyContact, email_digest
from companies.sides import company_side, normalise_country

REQUIRED_COLUMNS = ("name", "country")
COLUMNS = (
    "name",
    "country",
    "city",
    "postcode",
    "website",
    "description",
    "founded",
    "size",
    "sectors",
    "offers",
    "seeks",
    "partnership_types",
    "settlement_timeline",
    "contact_name",
    "contact_email",
    "contact_phone",
    "description_de",
    "description_en",
    "visibility",
)
LIST_COLUMNS = {
    # column: (model field, vocabulary kind as named in messages)
    "sectors": ("sectors", "sector"),
    "offers": ("offers", "capability"),
    "seeks": ("seeks", "capability"),
    "partnership_types": ("partnership_types", "partnership type"),
}
SCALAR_FIELDS = (
    "name",
    "country",
    "city",
    "postcode",
    "website",
    "description_de",
    "description_en",
    "founded",
    "size",
    "settlement_timeline",
    "visibility",
)
MAX_DESCRIPTION = 5000


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong type, empty, unknown columns."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}, column {self.column}" if self.column else f"row {self.row}"
        return f"{where}: {self.message}"


@dataclass
class RowPlan:
    row: int
    company_id: int | None  # the stored company this row is, if any
    values: dict[str, Any]
    lists: dict[str, list[int]]
    contact: dict[str, str] | None
    action: str = "create"  # create, update, unchanged


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    contacts_added: int = 0
    contacts_objected: int = 0
    memberships_added: int = 0
    memberships_kept: list[int] = field(default_factory=list)
    plans: list[RowPlan] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        parts = [
            f"created {self.created}",
            f"updated {self.updated}",
            f"unchanged {self.unchanged}",
        ]
        if self.contacts_added:
            parts.append(f"contacts added {self.contacts_added}")
        if self.contacts_objected:
            parts.append(f"contacts not re-added because they objected {self.contacts_objected}")
        if self.memberships_added:
            parts.append(f"memberships added {self.memberships_added}")
        if self.memberships_kept:
            rows = ", ".join(str(row) for row in self.memberships_kept)
            parts.append(
                f"memberships left declined or withdrawn {len(self.memberships_kept)} (rows {rows})"
            )
        return ", ".join(parts)


# --- Reading the file ----------------------------------------------------------------------


def read_table(content: bytes, filename: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Header and numbered rows of a .csv or .xlsx file (the header is row 1)."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        header, rows = _read_csv(content)
    elif suffix == ".xlsx":
        header, rows = _read_xlsx(content)
    else:
        raise ImportFileError(
            f"{Path(filename).name}: the file must be .csv (UTF-8) or .xlsx, "
            f"not “{suffix or 'without a suffix'}”."
        )
    header = [cell.strip().lower() for cell in header]
    while header and not header[-1]:
        header.pop()
    if not header:
        raise ImportFileError(
            "The file is empty: it needs a header row with at least the columns name and country."
        )
    _check_columns(header)
    return header, rows


def _read_csv(content: bytes) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"The CSV file is not UTF-8 (byte {error.start + 1} cannot be read). "
            "Save it as “CSV UTF-8” and try again."
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, [])
    return header, ((number, row) for number, row in enumerate(reader, start=2))


def _read_xlsx(content: bytes) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError):
        raise ImportFileError("The file is not a readable .xlsx workbook.") from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_cell_text(cell) for cell in next(rows, ())]
    return header, (
        (number, [_cell_text(cell) for cell in row]) for number, row in enumerate(rows, start=2)
    )


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_columns(header: list[str]) -> None:
    problems = []
    unknown = [name for name in header if name not in COLUMNS]
    for name in unknown:
        close = difflib.get_close_matches(name, COLUMNS, n=1)
        hint = f" — did you mean '{close[0]}'?" if close else ""
        problems.append(f"unknown column '{name or '(empty)'}'{hint}")
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    problems.extend(f"column '{name}' appears more than once" for name in duplicates)
    problems.extend(
        f"the column '{name}' is missing" for name in REQUIRED_COLUMNS if name not in header
    )
    if problems:
        raise ImportFileError(
            "row 1 (header): "
            + "; ".join(problems)
            + ". The known columns are: "
            + ", ".join(COLUMNS)
            + "."
        )


# --- Checking every row --------------------------------------------------------------------


class Vocabulary:
    """The slugs a file may use, loaded once per import."""

    def __init__(self) -> None:
        self.ids = {
            "sector": dict(Sector.objects.values_list("slug", "pk")),
            "capability": dict(Capability.objects.values_list("slug", "pk")),
            "partnership type": dict(PartnershipType.objects.values_list("slug", "pk")),
        }

    def resolve(self, kind: str, cell: str) -> tuple[list[int], list[str]]:
        ids, problems = [], []
        for slug in (part.strip().lower() for part in cell.split(";")):
            if not slug:
                continue
            if slug in self.ids[kind]:
                ids.append(self.ids[kind][slug])
            else:
                problems.append(unknown_value(kind, slug, self.ids[kind]))
        return sorted(set(ids)), problems


def unknown_value(kind: str, value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    hint = f" — did you mean '{close[0]}'?" if close else ""
    return f"unknown {kind} '{value}'{hint}"


def website_domain(url: str) -> str:
    host = (urlparse(url).hostname or "").lower()
    return host.removeprefix("www.")


class _Checker:
    """Turns the cells of one row into field values, collecting every error."""

    def __init__(self, row: int) -> None:
        self.row = row
        self.errors: list[RowError] = []

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.row, column, message))

    def text(self, cells: dict[str, str], column: str, max_length: int) -> str:
        value = cells.get(column, "").strip()
        if len(value) > max_length:
            self.error(column, f"too long: {len(value)} characters, at most {max_length}")
        return value

    def choice(self, cells: dict[str, str], column: str, choices: Iterable[str], kind: str) -> str:
        value = cells.get(column, "").strip().lower()
        known = list(choices)
        if value and value not in known:
            self.error(column, unknown_value(kind, value, known) + f" (one of: {', '.join(known)})")
        return value


def _field_max(name: str) -> int:
    model_field = Company._meta.get_field(name)
    assert isinstance(model_field, models.Field)
    return model_field.max_length or 0


def check_row(
    number: int,
    cells: dict[str, str],
    *,
    vocabulary: Vocabulary,
    places: RuhrPlaces,
    bridges: list[Bridge],
    bridge: Bridge | None,
) -> tuple[dict[str, Any], dict[str, list[int]], dict[str, str] | None, list[RowError]]:
    check = _Checker(number)
    values: dict[str, Any] = {}
    name = check.text(cells, "name", _field_max("name"))
    if not name:
        check.error("name", "a company needs a name")
    values["name"] = name
    country = normalise_country(cells.get("country", ""))
    values["country"] = country
    if not country:
        check.error("country", "a company needs a country (ISO 3166 code such as DE or GB)")
    for column in ("city", "postcode"):
        values[column] = check.text(cells, column, _field_max(column))
    if country:
        try:
            side = company_side(
                country=country, city=values["city"], places=places, bridges=bridges, bridge=bridge
            )
        except ValidationError as error:
            for column, messages in error.message_dict.items():
                for message in messages:
                    check.error(column, message)
            side = None
        values["home_municipality"] = side.home_municipality if side else None
        values["is_ruhr"] = bool(side and side.is_ruhr)

    values["website"] = _website(check, cells)
    _descriptions(check, cells, values)
    values["founded"] = _founded(check, cells)
    values["size"] = check.choice(cells, "size", CompanySize.values, "size")
    values["visibility"] = check.choice(cells, "visibility", Visibility.values, "visibility")
    values["settlement_timeline"] = check.choice(
        cells, "settlement_timeline", SettlementTimeline.values, "settlement timeline"
    )
    if values["settlement_timeline"] and values.get("is_ruhr"):
        check.error(
            "settlement_timeline",
            "a settlement timeline is for companies from the "
            "partner regions, not for Ruhr companies",
        )

    lists: dict[str, list[int]] = {}
    for column, (field_name, kind) in LIST_COLUMNS.items():
        cell = cells.get(column, "")
        if not cell.strip():
            continue
        ids, problems = vocabulary.resolve(kind, cell)
        for problem in problems:
            check.error(column, problem)
        lists[field_name] = ids
    return values, lists, _contact(check, cells), check.errors


def _website(check: _Checker, cells: dict[str, str]) -> str:
    website = check.text(cells, "website", _field_max("website"))
    if website and not re.match(r"^https?://", website, re.IGNORECASE):
        website = f"https://{website}"
    if website:
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            check.error("website", f"'{cells['website'].strip()}' is not a web address")
            return ""
    return website


def _descriptions(check: _Checker, cells: dict[str, str], values: dict[str, Any]) -> None:
    # `description` is in the language of the company's side; explicit columns win.
    general = check.text(cells, "description", MAX_DESCRIPTION)
    german = check.text(cells, "description_de", MAX_DESCRIPTION)
    english = check.text(cells, "description_en", MAX_DESCRIPTION)
    if values.get("is_ruhr"):
        german = german or general
    else:
        english = english or general
    values["description_de"], values["description_en"] = german, english


def _founded(check: _Checker, cells: dict[str, str]) -> int | None:
    founded = cells.get("founded", "").strip()
    if not founded:
        return None
    this_year = timezone.now().year
    if not founded.isdigit() or not 1800 <= int(founded) <= this_year:
        check.error("founded", f"'{founded}' is not a year between 1800 and {this_year}")
        return None
    return int(founded)


def _contact(check: _Checker, cells: dict[str, str]) -> dict[str, str] | None:
    contact = {
        "name": check.text(cells, "contact_name", 150),
        "email": check.text(cells, "contact_email", 254).lower(),
        "phone": check.text(cells, "contact_phone", 40),
    }
    if not any(contact.values()):
        return None
    if not contact["email"]:
        check.error("contact_email", "a contact person needs an e-mail address")
        return None
    try:
        validate_email(contact["email"])
    except ValidationError:
        check.error("contact_email", f"'{contact['email']}' is not an e-mail address")
        return None
    return contact


# --- Planning against what is stored -------------------------------------------------------


class _Existing:
    """Stored companies by (lower-case name, country) and by website domain."""

    def __init__(self) -> None:
        self.by_name: dict[tuple[str, str], int] = {}
        self.by_domain: dict[str, int] = {}
        for pk, name, country, website in Company.objects.values_list(
            "pk", "name", "country", "website"
        ):
            self.by_name[(name.lower(), country)] = pk
            if website:
                self.by_domain.setdefault(website_domain(website), pk)

    def match(self, values: dict[str, Any]) -> tuple[int | None, str]:
        by_name = self.by_name.get((values["name"].lower(), values["country"]))
        by_domain = (
            self.by_domain.get(website_domain(values["website"])) if values["website"] else None
        )
        if by_name and by_domain and by_name != by_domain:
            return None, (
                "matches two different stored companies: one by name and country, "
                "another by website"
            )
        return by_name or by_domain, ""


def plan_import(
    header: list[str], rows: Iterable[tuple[int, list[str]]], *, bridge: Bridge | None = None
) -> ImportResult:
    result = ImportResult()
    vocabulary, places = Vocabulary(), RuhrPlaces.load()
    bridges = list(Bridge.objects.all())
    existing = _Existing()
    seen: dict[tuple[str, str] | str, int] = {}
    for number, raw in rows:
        cells = dict(zip(header, (cell.strip() for cell in raw), strict=False))
        if not any(cells.values()):
            continue
        values, lists, contact, errors = check_row(
            number, cells, vocabulary=vocabulary, places=places, bridges=bridges, bridge=bridge
        )
        result.errors.extend(errors)
        if errors:
            continue
        duplicate = _seen_before(seen, values, number)
        if duplicate:
            result.errors.append(RowError(number, "name", f"the same company as row {duplicate}"))
            continue
        company_id, problem = existing.match(values)
        if problem:
            result.errors.append(RowError(number, "name", problem))
            continue
        result.plans.append(
            RowPlan(row=number, company_id=company_id, values=values, lists=lists, contact=contact)
        )
    if not result.plans and not result.errors:
        result.errors.append(RowError(2, "", "the file has a header but no companies"))
    return result


def _seen_before(seen: dict, values: dict[str, Any], number: int) -> int | None:
    keys: list[Any] = [(values["name"].lower(), values["country"])]
    if values["website"]:
        keys.append(website_domain(values["website"]))
    for key in keys:
        if key in seen:
            return seen[key]
    for key in keys:
        seen[key] = number
    return None


# --- Writing ------------------------------------------------------------------------------


@dataclass
class _Changes:
    create: list[Company] = field(default_factory=list)
    update: dict[int, Company] = field(default_factory=dict)
    update_fields: set[str] = field(default_factory=set)
    # Unsaved companies cannot be dict keys: pairs of (company, vocabulary ids) instead.
    lists: dict[str, list[tuple[Company, list[int]]]] = field(default_factory=dict)
    contacts: list[tuple[Company, dict[str, str]]] = field(default_factory=list)
    new_memberships: list[Company] = field(default_factory=list)
    approve_memberships: list[BridgeMembership] = field(default_factory=list)


def _through(field_name: str) -> tuple[Any, str]:
    """The M2M table behind a list field and the column naming the vocabulary entry."""
    through = getattr(Company, field_name).through
    target = next(
        f for f in through._meta.get_fields() if f.many_to_one and f.related_model is not Company
    )
    return through, target.attname


def _stored_lists(company_ids: list[int]) -> dict[str, dict[int, set[int]]]:
    stored: dict[str, dict[int, set[int]]] = {}
    for field_name, _kind in LIST_COLUMNS.values():
        through, column = _through(field_name)
        per_company: dict[int, set[int]] = {}
        for company_id, target_id in through.objects.filter(company_id__in=company_ids).values_list(
            "company_id", column
        ):
            per_company.setdefault(company_id, set()).add(target_id)
        stored[field_name] = per_company
    return stored


def _compare(result: ImportResult, bridge: Bridge | None) -> _Changes:
    """Decide, without writing, what each row creates or changes."""
    changes = _Changes(lists={field_name: [] for field_name, _kind in LIST_COLUMNS.values()})
    ids = [plan.company_id for plan in result.plans if plan.company_id]
    stored = Company.objects.in_bulk(ids)
    stored_lists = _stored_lists(ids)
    digests: dict[int, dict[str, bool]] = {}
    for company_id, digest, objected in CompanyContact.objects.filter(
        company_id__in=ids
    ).values_list("company_id", "email_digest", "objected_at"):
        digests.setdefault(company_id, {})[digest] = objected is not None
    memberships = (
        {
            m.company_id: m
            for m in BridgeMembership.objects.filter(bridge=bridge, company_id__in=ids)
        }
        if bridge
        else {}
    )
    for plan in result.plans:
        company = stored.get(plan.company_id) if plan.company_id else None
        if company is None:
            company = _new_company(plan.values)
            changes.create.append(company)
            plan.action = "create"
            result.created += 1
        else:
            changed = _apply_values(company, plan.values)
            changed_lists = [
                field_name
                for field_name, ids_ in plan.lists.items()
                if set(ids_) != stored_lists[field_name].get(company.pk, set())
            ]
            if changed or changed_lists:
                changes.update[company.pk] = company
                changes.update_fields.update(changed)
                plan.action = "update"
                result.updated += 1
            else:
                plan.action = "unchanged"
                result.unchanged += 1
            plan.lists = {name: ids_ for name, ids_ in plan.lists.items() if name in changed_lists}
        for field_name, ids_ in plan.lists.items():
            changes.lists[field_name].append((company, ids_))
        _plan_contact(result, changes, company, plan, digests)
        if bridge:
            _plan_membership(result, changes, company, plan, memberships)
    return changes


def _new_company(values: dict[str, Any]) -> Company:
    company = Company(origin=Origin.IMPORT, visibility=Visibility.MEMBERS_ONLY)
    _apply_values(company, values)
    return company


def _apply_values(company: Company, values: dict[str, Any]) -> list[str]:
    """Set the non-empty values that differ; return the names of the fields changed."""
    changed = []
    for name in (*SCALAR_FIELDS, "home_municipality"):
        value = values.get(name)
        if value in ("", None):
            continue
        current = getattr(company, f"{name}_id" if name == "home_municipality" else name, None)
        new = value.pk if isinstance(value, Municipality) else value
        if current != new:
            setattr(company, name, value)
            changed.append(name)
    return changed


def _plan_contact(result, changes, company, plan, digests) -> None:
    if not plan.contact:
        return
    digest = email_digest(plan.contact["email"])
    known = digests.setdefault(company.pk, {}) if company.pk else {}
    if digest in known:
        if known[digest]:
            result.contacts_objected += 1
        return
    known[digest] = False
    changes.contacts.append((company, plan.contact))
    result.contacts_added += 1


def _plan_membership(result, changes, company, plan, memberships) -> None:
    membership = memberships.get(company.pk) if company.pk else None
    if membership is None:
        changes.new_memberships.append(company)
        result.memberships_added += 1
    elif membership.status == MembershipStatus.APPLIED:
        changes.approve_memberships.append(membership)
        result.memberships_added += 1
    elif membership.status in (MembershipStatus.DECLINED, MembershipStatus.WITHDRAWN):
        result.memberships_kept.append(plan.row)


def _write(changes: _Changes, bridge: Bridge | None) -> None:
    now = timezone.now()
    bulk_create_with_history(changes.create, Company, batch_size=1000)
    if changes.update:
        fields = sorted(changes.update_fields | {"updated_at"})
        for company in changes.update.values():
            company.updated_at = now
        bulk_update_with_history(list(changes.update.values()), Company, fields, batch_size=1000)
    for field_name, pairs in changes.lists.items():
        if not pairs:
            continue
        through, column = _through(field_name)
        through.objects.filter(company_id__in=[company.pk for company, _ids in pairs]).delete()
        through.objects.bulk_create(
            (
                through(company_id=company.pk, **{column: target_id})
                for company, ids in pairs
                for target_id in ids
            ),
            batch_size=5000,
        )
    CompanyContact.objects.bulk_create(
        (
            CompanyContact(
                company=company,
                name=contact["name"],
                email=contact["email"],
                phone=contact["phone"],
                email_digest=email_digest(contact["email"]),
                source=ContactSource.IMPORT,
            )
            for company, contact in changes.contacts
        ),
        batch_size=1000,
    )
    if bridge is None:
        return
    bulk_create_with_history(
        [
            BridgeMembership(
                company=company,
                bridge=bridge,
                status=MembershipStatus.APPROVED,
                reason="Imported by staff.",
                decided_at=now,
            )
            for company in changes.new_memberships
        ],
        BridgeMembership,
        batch_size=1000,
    )
    for membership in changes.approve_memberships:
        membership.status, membership.decided_at = MembershipStatus.APPROVED, now
        membership.reason = "Approved by an import by staff."
    bulk_update_with_history(
        changes.approve_memberships,
        BridgeMembership,
        ["status", "decided_at", "reason"],
        batch_size=1000,
    )


def import_companies(
    content: bytes, filename: str, *, bridge: Bridge | None = None, dry_run: bool = False
) -> ImportResult:
    """Check the whole file; unless it is a dry run and if every row is right, write it all."""
    header, rows = read_table(content, filename)
    with transaction.atomic():
        result = plan_import(header, rows, bridge=bridge)
        if not result.ok:
            return result
        changes = _compare(result, bridge)
        if not dry_run:
            _write(changes, bridge)
    return result
