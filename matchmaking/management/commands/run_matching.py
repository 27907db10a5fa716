import time

from django.core.management.base import BaseCommand, CommandError

from bridges.models import Bridge
from matchmaking.enums import ACTIVE_RUN_STATUSES, ChunkStatus, MatchKind, RunStatus, RunTrigger
from matchmaking.models import MatchRun
from matchmaking.services import match_run_start

POLL_SECONDS = 0.5


def bridge_or_error(slug: str) -> Bridge:
    bridge = Bridge.objects.filter(slug=slug).first()
    if bridge is None:
        known = ", ".join(Bridge.objects.order_by("slug").values_list("slug", flat=True))
        raise CommandError(f"Unknown bridge '{slug}'. Known bridges: {known}.", returncode=2)
    return bridge


class Command(BaseCommand):
    help = (
        "Start match runs for a bridge (both kinds unless --kind says one); with --wait, follow "
        "them and exit 0 when every run succeeded, 1 otherwise (also on --timeout). A run "
        "already active for the bridge and kind is followed instead of starting another."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--bridge", required=True, metavar="SLUG")
        parser.add_argument("--kind", choices=MatchKind.values, help="default: both kinds")
        parser.add_argument("--wait", action="store_true", help="block until the runs end")
        parser.add_argument(
            "--timeout", type=float, default=3600.0, metavar="SECONDS", help="with --wait"
        )

    def handle(self, *args, **options) -> None:
        bridge = bridge_or_error(options["bridge"])
        if options["timeout"] <= 0:
            raise CommandError("--timeout needs a number of seconds above 0.", returncode=2)
        kinds = [options["kind"]] if options["kind"] else list(MatchKind.values)
        started = time.monotonic()
        run_ids = []
        for kind in kinds:
            run, created = match_run_start(bridge=bridge, kind=kind, trigger=RunTrigger.STAFF)
            verb = "Started" if created else "Following the active"
            self.stdout.write(f"{verb} {kind} run #{run.pk} for {bridge.slug}.")
            run_ids.append(run.pk)
        if not options["wait"]:
            return
        runs = self._wait(run_ids, started, options["timeout"])
        self._summary(runs, time.monotonic() - started)
        failed = [run for run in runs if run.status != RunStatus.SUCCEEDED]
        if failed:
            names = ", ".join(
                f"#{run.pk} ({run.kind}): {run.error or run.status}" for run in failed
            )
            raise CommandError(f"Not every run succeeded: {names}", returncode=1)

    def _wait(self, run_ids: list[int], started: float, timeout: float) -> list[MatchRun]:
        last_line = ""
        while True:
            runs = list(MatchRun.objects.filter(pk__in=run_ids).order_by("pk"))
            line = "; ".join(self._progress(run) for run in runs)
            if line != last_line:
                self.stdout.write(f"[{time.monotonic() - started:6.1f} s] {line}")
                last_line = line
            if all(run.status not in ACTIVE_RUN_STATUSES for run in runs):
                return runs
            if time.monotonic() - started > timeout:
                raise CommandError(
                    f"Timed out after {timeout:g} s; the runs go on in the background: {line}",
                    returncode=1,
                )
            time.sleep(POLL_SECONDS)

    def _progress(self, run: MatchRun) -> str:
        done = run.chunks.filter(status=ChunkStatus.DONE).count()
        total = run.chunks_total or "?"
        return f"{run.kind} #{run.pk} {run.status} {done}/{total} chunks"

    def _summary(self, runs: list[MatchRun], seconds: float) -> None:
        for run in runs:
            phases = ", ".join(
                f"{name} {value:.1f} s"
                for name, value in (
                    ("snapshot", run.snapshot_seconds),
                    ("scoring", run.scoring_seconds),
                    ("writing", run.writing_seconds),
                    ("finalising", run.finalising_seconds),
                )
                if value is not None
            )
            style = self.style.SUCCESS if run.status == RunStatus.SUCCEEDED else self.style.ERROR
            self.stdout.write(
                style(
                    f"{run.kind} run #{run.pk}: {run.status}, {run.companies} companies, "
                    f"{run.chunks_total} chunks, {run.rows_written} matches ({phases})"
                )
            )
        self.stdout.write(f"Total {seconds:.1f} s.")
