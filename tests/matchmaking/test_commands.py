"""run_matching and export_matches: the contracts staff scripts rely on."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from matchmaking import services
from matchmaking.enums import MatchKind, PairState, RunStatus, RunTrigger
from matchmaking.models import Match, MatchRun
from tests.matchmaking.runs_support import small_bridge, uk

# Commands commit for real (the runs' on-commit steps must fire); serialized rollback brings
# back the reference data that the flush after such a test removes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FIRST_COLUMNS = [
    "company",
    "company_country",
    "partner",
    "partner_country",
    "rank",
    "score",
    "reasons_en",
]


@pytest.fixture(autouse=True)
def _runs_directory(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path / "match-runs"


def _run_matching(*args: str) -> str:
    out = io.StringIO()
    call_command("run_matching", *args, stdout=out)
    return out.getvalue()


def test_run_matching_waits_and_reports_every_phase():
    small_bridge(2)

    output = _run_matching("--bridge", "united-kingdom", "--wait")

    assert "Started partnership run" in output and "Started settlement run" in output
    assert "partnership run #" in output and ": succeeded, 4 companies" in output
    for phase in ("snapshot", "scoring", "writing", "finalising"):
        assert phase in output
    assert set(MatchRun.objects.values_list("status", flat=True)) == {RunStatus.SUCCEEDED}


def test_run_matching_runs_one_kind_when_asked():
    small_bridge(1)

    _run_matching("--bridge", "united-kingdom", "--kind", "partnership", "--wait")

    assert list(MatchRun.objects.values_list("kind", flat=True)) == ["partnership"]


def test_an_unknown_bridge_is_exit_2_with_the_known_slugs():
    with pytest.raises(CommandError) as error:
        _run_matching("--bridge", "atlantis")

    assert error.value.returncode == 2
    assert "Unknown bridge 'atlantis'" in str(error.value)
    assert "united-kingdom" in str(error.value)
    assert not MatchRun.objects.exists()


def test_a_failed_run_is_exit_1_with_its_error(settings, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    settings.MATCH_RUNS_DIR = blocker / "runs"
    small_bridge(1)

    with pytest.raises(CommandError) as error:
        _run_matching("--bridge", "united-kingdom", "--kind", "partnership", "--wait")

    assert error.value.returncode == 1
    assert "Not every run succeeded" in str(error.value)
    assert "Planning failed" in str(error.value)


def test_a_timeout_is_exit_1_and_says_the_runs_go_on():
    # A run that is already active and that no worker picks up (as if all were busy).
    stuck = MatchRun.objects.create(
        bridge=uk(), kind=MatchKind.PARTNERSHIP, trigger=RunTrigger.NIGHTLY
    )

    with pytest.raises(CommandError) as error:
        _run_matching(
            "--bridge", "united-kingdom", "--kind", "partnership", "--wait", "--timeout", "0.2"
        )

    assert error.value.returncode == 1
    assert "Timed out after 0.2 s" in str(error.value)
    assert list(MatchRun.objects.values_list("pk", flat=True)) == [stuck.pk]


def _export(tmp_path, *args: str) -> list[list[str]]:
    out = tmp_path / "matches.csv"
    call_command(
        "export_matches",
        "--bridge",
        "united-kingdom",
        "--out",
        str(out),
        *args,
        stdout=io.StringIO(),
    )
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8"))))


def test_the_export_has_the_contract_columns_first_and_one_row_per_pair(tmp_path):
    companies = small_bridge(2)
    _run_matching("--bridge", "united-kingdom", "--kind", "partnership", "--wait")

    header, *rows = _export(tmp_path, "--kind", "partnership")

    assert header[:7] == FIRST_COLUMNS
    assert header[7:] == ["company_id", "partner_id", "partner_kind"]
    assert len(rows) == Match.objects.count()
    names = {company.pk: company.name for company in companies}
    ordered = [(row[0], int(row[4])) for row in rows]
    assert ordered == sorted(ordered)
    first = rows[0]
    assert first[0] == names[int(first[7])]
    assert first[1] in ("DE", "GB") and first[3] in ("DE", "GB") and first[1] != first[3]
    assert all(0 <= float(row[5]) <= 1 for row in rows)
    assert {row[4] for row in rows if row[0] == first[0]} >= {"1"}
    assert "is looking for" in first[6] and " | " in first[6]
    assert {row[9] for row in rows} == {"company"}


def test_the_export_leaves_out_pairs_marked_not_interested_and_keeps_to_top_k(tmp_path):
    ruhr, partner, *_ = small_bridge(2)
    _run_matching("--bridge", "united-kingdom", "--kind", "partnership", "--wait")
    services.match_pair_set(
        actor=None, bridge=uk(), company=partner, partner=ruhr, state=PairState.NOT_INTERESTED
    )

    _header, *rows = _export(tmp_path, "--kind", "partnership", "--top", "1")

    pairs = {(int(row[7]), int(row[8])) for row in rows}
    assert (ruhr.pk, partner.pk) not in pairs and (partner.pk, ruhr.pk) not in pairs
    assert {row[4] for row in rows} == {"1"}


def test_the_export_guards_cells_against_formulas(tmp_path):
    ruhr, *_ = small_bridge(1)
    ruhr.name = '=HYPERLINK("http://evil.example")'
    ruhr.save()
    _run_matching("--bridge", "united-kingdom", "--kind", "partnership", "--wait")

    _header, *rows = _export(tmp_path, "--kind", "partnership")

    assert rows
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith("=") for cell in cells)
    assert '\'=HYPERLINK("http://evil.example")' in cells


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bridge", "atlantis", "--kind", "partnership"], "Unknown bridge 'atlantis'"),
        (["--bridge", "united-kingdom", "--kind", "partnership", "--top", "0"], "--top"),
    ],
)
def test_bad_export_arguments_are_exit_2_and_write_nothing(tmp_path, args, message):
    out = tmp_path / "matches.csv"

    with pytest.raises(CommandError) as error:
        call_command("export_matches", *args, "--out", str(out))

    assert error.value.returncode == 2
    assert message in str(error.value)
    assert not out.exists()


def test_an_export_into_a_missing_folder_is_a_clear_error(tmp_path):
    out = tmp_path / "nowhere" / "matches.csv"

    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "export_matches",
            "--bridge",
            "united-kingdom",
            "--kind",
            "settlement",
            "--out",
            str(out),
        )
