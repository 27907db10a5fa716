import csv
import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from accounts.models import User
from bridges.models import Bridge
from companies.enums import MembershipStatus, Origin, Visibility
from companies.models import BridgeMembership, Company, CompanyContact
from tests.support.subprocess_django import ROOT

pytestmark = pytest.mark.django_db

HEADER = [
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
]
RUHR_ROW = [
    "Emscher Elektrolyse GmbH",
    "DE",
    "Essen-Kettwig",
    "45219",
    "emscher-elektrolyse.example",
    "Wir bauen Elektrolyse-Stacks.",
    "2015",
    "small",
    "hydrogen",
    "electrolyser-stacks;h2-balance-of-plant",
    "green-h2-offtake",
    "supplier;joint-venture",
    "",
    "Jana Kurz",
    "jana@emscher-elektrolyse.example",
]
UK_ROW = [
    "Pennine Hydrogen Ltd",
    "UK",
    "Manchester",
    "M1 1AA",
    "https://pennine-h2.example",
    "We produce green hydrogen.",
    "2019",
    "medium",
    "hydrogen",
    "green-h2-offtake",
    "electrolyser-stacks",
    "customer;settlement",
    "6-12-months",
    "Tom Hale",
    "tom@pennine-h2.example",
]


def csv_bytes(rows, header=HEADER, delimiter=",", bom=False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode()


def write(tmp_path, content: bytes, name="companies.csv"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_companies", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path, *args) -> tuple[str, CommandError]:
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_companies", str(path), *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue(), error.value


def test_it_imports_both_sides_with_their_vocabulary_and_contacts(tmp_path):
    out, _ = run(write(tmp_path, csv_bytes([RUHR_ROW, UK_ROW])))

    assert out.strip() == "created 2, updated 0, unchanged 0, contacts added 2"
    ruhr = Company.objects.get(name="Emscher Elektrolyse GmbH")
    assert ruhr.home_municipality.name == "Essen"
    assert ruhr.description_de == "Wir bauen Elektrolyse-Stacks." and ruhr.description_en == ""
    assert ruhr.website == "https://emscher-elektrolyse.example"
    assert sorted(ruhr.offers.values_list("slug", flat=True)) == [
        "electrolyser-stacks",
        "h2-balance-of-plant",
    ]
    assert (ruhr.origin, ruhr.visibility) == (Origin.IMPORT, Visibility.MEMBERS_ONLY)
    uk = Company.objects.get(name="Pennine Hydrogen Ltd")
    assert (uk.country.code, uk.home_municipality, uk.settlement_timeline) == (
        "GB",
        None,
        "6-12-months",
    )
    assert uk.description_en == "We produce green hydrogen."
    contact = CompanyContact.objects.get(company=uk)
    assert (contact.name, contact.email, contact.source) == (
        "Tom Hale",
        "tom@pennine-h2.example",
        "import",
    )


def test_contacts_never_become_users(tmp_path):
    run(write(tmp_path, csv_bytes([RUHR_ROW, UK_ROW])))

    assert not User.objects.exists()


def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    path = write(tmp_path, csv_bytes([RUHR_ROW, UK_ROW]))
    run(path, "--bridge", "united-kingdom")
    before = list(Company.objects.order_by("pk").values())

    out, _ = run(path, "--bridge", "united-kingdom")

    assert out.strip() == "created 0, updated 0, unchanged 2"
    assert list(Company.objects.order_by("pk").values()) == before
    assert CompanyContact.objects.count() == 2
    assert BridgeMembership.objects.count() == 2


def test_a_row_is_the_same_company_when_its_website_domain_matches(tmp_path):
    run(write(tmp_path, csv_bytes([UK_ROW])))
    renamed = ["Pennine H2 Limited", *UK_ROW[1:4], "www.pennine-h2.example/about", *UK_ROW[5:]]

    out, _ = run(write(tmp_path, csv_bytes([renamed]), "again.csv"))

    assert out.startswith("created 0, updated 1, unchanged 0")
    assert Company.objects.get().name == "Pennine H2 Limited"


def test_an_empty_cell_leaves_the_stored_value_and_a_filled_one_replaces_it(tmp_path):
    run(write(tmp_path, csv_bytes([UK_ROW])))
    update = [UK_ROW[0], "GB", "", "", "", "", "", "large", "", "", "", "", "", "", ""]

    out, _ = run(write(tmp_path, csv_bytes([update]), "update.csv"))

    company = Company.objects.get()
    assert out.startswith("created 0, updated 1")
    assert (company.size, company.city, company.founded) == ("large", "Manchester", 2019)


def test_a_dry_run_says_what_would_happen_and_writes_nothing(tmp_path):
    out, _ = run(
        write(tmp_path, csv_bytes([RUHR_ROW, UK_ROW])), "--dry-run", "--bridge", "united-kingdom"
    )

    assert out.strip() == (
        "dry run, nothing written: created 2, updated 0, unchanged 0, "
        "contacts added 2, memberships added 2"
    )
    assert not Company.objects.exists()
    assert not CompanyContact.objects.exists()
    assert not BridgeMembership.objects.exists()


def test_a_dry_run_of_a_bad_file_fails_and_lists_the_errors(tmp_path):
    bad = [*RUHR_ROW[:8], "hydrogenn", *RUHR_ROW[9:]]

    err, error = run_failing(write(tmp_path, csv_bytes([bad])), "--dry-run")

    assert error.returncode == 1
    assert "row 2, column sectors: unknown sector 'hydrogenn' — did you mean 'hydrogen'?" in err


def test_semicolons_and_a_byte_order_mark_are_understood(tmp_path):
    out, _ = run(write(tmp_path, csv_bytes([RUHR_ROW, UK_ROW], delimiter=";", bom=True)))

    assert out.startswith("created 2")
    assert Company.objects.filter(name="Emscher Elektrolyse GmbH").exists()


def test_xlsx_files_are_imported_like_csv(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append([*RUHR_ROW[:6], 2015, *RUHR_ROW[7:]])
    sheet.append(UK_ROW)
    path = tmp_path / "companies.xlsx"
    workbook.save(path)

    out, _ = run(path)

    assert out.startswith("created 2")
    assert Company.objects.get(name="Emscher Elektrolyse GmbH").founded == 2015


def test_every_error_is_reported_with_row_and_column_and_nothing_is_written(tmp_path):
    rows = [
        RUHR_ROW,
        ["Kölner Kabel AG", "DE", "Köln", *RUHR_ROW[3:]],
        ["Paris Volt SAS", "FR", "Paris", *UK_ROW[3:]],
        [UK_ROW[0].upper(), *UK_ROW[1:7], "huge", *UK_ROW[8:]],
        ["", "GB", "Leeds", *UK_ROW[3:]],
    ]

    err, error = run_failing(write(tmp_path, csv_bytes(rows)), "--bridge", "united-kingdom")

    lines = err.strip().splitlines()
    assert lines[0] == (
        "row 3, column city: “Köln” is not a town or city of the Ruhr. German "
        "companies take part as companies of the Ruhr; RuhrBridge is for the "
        "Ruhr and its partner regions."
    )
    assert lines[1] == (
        "row 4, column country: Companies from France cannot join the bridge "
        "“Innovation Bridge United Kingdom”: its partner countries are United "
        "Kingdom."
    )
    assert (
        lines[2] == "row 5, column size: unknown size 'huge' (one of: micro, small, medium, large)"
    )
    assert lines[3] == "row 6, column name: a company needs a name"
    assert str(error) == "4 error(s) in companies.csv; nothing was imported."
    assert not Company.objects.exists()


def test_a_second_row_for_the_same_company_is_an_error(tmp_path):
    err, _ = run_failing(write(tmp_path, csv_bytes([UK_ROW, [UK_ROW[0].lower(), *UK_ROW[1:]]])))

    assert "row 3, column name: the same company as row 2" in err


def test_an_error_in_the_ten_thousand_and_first_row_rolls_back_all(tmp_path):
    rows = [
        [
            f"Northern Fuel Cells {n} Ltd",
            "GB",
            "Leeds",
            "",
            "",
            "",
            "",
            "small",
            "hydrogen",
            "fuel-cell-systems",
            "",
            "",
            "",
            "",
            "",
        ]
        for n in range(10_000)
    ]
    rows.append(
        ["Broken Ltd", "GB", "Leeds", "", "", "", "", "", "hydrogenn", "", "", "", "", "", ""]
    )

    err, _ = run_failing(write(tmp_path, csv_bytes(rows)))

    assert (
        err.strip()
        == "row 10002, column sectors: unknown sector 'hydrogenn' — did you mean 'hydrogen'?"
    )
    assert not Company.objects.exists()


def test_unknown_columns_are_named_with_a_suggestion(tmp_path):
    _, error = run_failing(write(tmp_path, csv_bytes([], header=["name", "country", "sectros"])))

    assert str(error).startswith(
        "row 1 (header): unknown column 'sectros' — did you mean "
        "'sectors'?. The known columns are: name, country, city"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "companies.txt",
            b"name,country\n",
            "companies.txt: the file must be .csv (UTF-8) or .xlsx",
        ),
        ("companies.csv", b"", "The file is empty: it needs a header row"),
        (
            "companies.csv",
            "name,country\nMüller,DE\n".encode("latin-1"),
            "The CSV file is not UTF-8",
        ),
        ("companies.xlsx", b"not a workbook", "The file is not a readable .xlsx workbook."),
        ("companies.csv", b"name,country\n", "row 2: the file has a header but no companies"),
    ],
)
def test_files_that_cannot_be_read_get_a_clear_message(tmp_path, name, content, message):
    err, error = run_failing(write(tmp_path, content, name))

    assert message in str(error) + err
    assert not Company.objects.exists()


def test_it_never_overrides_a_declined_membership(tmp_path):
    path = write(tmp_path, csv_bytes([UK_ROW]))
    run(path)
    BridgeMembership.objects.create(
        company=Company.objects.get(),
        bridge=Bridge.objects.get(slug="united-kingdom"),
        status=MembershipStatus.DECLINED,
        reason="Not a fit.",
        decided_at="2026-01-01T10:00:00Z",
    )

    out, _ = run(path, "--bridge", "united-kingdom")

    assert out.strip() == (
        "created 0, updated 0, unchanged 1, memberships left declined or withdrawn 1 (rows 2)"
    )
    assert BridgeMembership.objects.get().status == MembershipStatus.DECLINED


def test_an_open_application_is_approved_by_an_import_to_its_bridge(tmp_path):
    path = write(tmp_path, csv_bytes([UK_ROW]))
    run(path)
    BridgeMembership.objects.create(
        company=Company.objects.get(), bridge=Bridge.objects.get(slug="united-kingdom")
    )

    out, _ = run(path, "--bridge", "united-kingdom")

    assert "memberships added 1" in out
    assert BridgeMembership.objects.get().status == MembershipStatus.APPROVED


def test_a_contact_who_objected_is_not_added_again(tmp_path):
    path = write(tmp_path, csv_bytes([UK_ROW]))
    run(path)
    CompanyContact.objects.update(
        name="", email="", phone="", role="", objected_at="2026-02-01T10:00:00Z"
    )

    out, _ = run(path)

    assert "contacts not re-added because they objected 1" in out
    assert CompanyContact.objects.get().email == ""


def test_the_vocabulary_is_plain_csv_with_the_agreed_header():
    out = io.StringIO()
    call_command("import_companies", "--list-vocabulary", stdout=out)

    text = out.getvalue()
    rows = list(csv.reader(io.StringIO(text)))
    assert text.startswith("kind,slug,sector,name_en,name_de\n")
    assert not text.startswith("\ufeff")
    assert ["sector", "hydrogen", "", "Hydrogen", "Wasserstoff"] in rows
    assert [
        "capability",
        "electrolyser-stacks",
        "hydrogen",
        "Electrolyser stacks",
        "Elektrolyse-Stacks",
    ] in rows
    assert [
        "partnership_type",
        "settlement",
        "",
        "Settlement / EU market entry",
        "Ansiedlung / EU-Markteintritt",
    ] in rows
    assert [
        "size",
        "micro",
        "",
        "micro (fewer than 10 people)",
        "Kleinstunternehmen (weniger als 10 Personen)",
    ] in rows
    assert {row[0] for row in rows[1:]} >= {"sector", "capability", "partnership_type", "size"}


def test_an_unknown_bridge_lists_the_known_ones(tmp_path):
    _, error = run_failing(write(tmp_path, csv_bytes([UK_ROW])), "--bridge", "mars")

    assert str(error) == (
        "Unknown bridge 'mars'. Known bridges: israel, netherlands, north-america, united-kingdom."
    )


def test_the_command_exits_with_status_1_on_errors_and_0_on_success(
    tmp_path, django_db_serialized_rollback, transactional_db
):
    from django.db import connection

    good = write(tmp_path, csv_bytes([UK_ROW]), "good.csv")
    bad = write(tmp_path, csv_bytes([[*UK_ROW[:8], "hydrogenn", *UK_ROW[9:]]]), "bad.csv")
    db = connection.settings_dict
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
    }

    def status(path, *args):
        return subprocess.run(
            [sys.executable, "manage.py", "import_companies", str(path), *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    assert status(bad).returncode == 1
    assert status(bad, "--dry-run").returncode == 1
    assert status(good, "--dry-run").returncode == 0
    assert status(good).returncode == 0
