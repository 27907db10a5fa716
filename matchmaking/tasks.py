"""Thin Celery tasks of the match runs: ids in, a service call, nothing else."""

from celery import shared_task

from matchmaking import digest, services

# Planning reads and scores the whole bridge in one process (about half a minute for
# 20,000 x 20,000); a chunk explains and writes a few thousand companies' lists.
PLAN_SOFT_TIME_LIMIT = 15 * 60
PLAN_HARD_TIME_LIMIT = 16 * 60
CHUNK_SOFT_TIME_LIMIT = 5 * 60
CHUNK_HARD_TIME_LIMIT = 6 * 60


@shared_task(soft_time_limit=PLAN_SOFT_TIME_LIMIT, time_limit=PLAN_HARD_TIME_LIMIT)
def match_run_plan(run_id: int) -> None:
    services.match_run_plan(run_id=run_id)


@shared_task(soft_time_limit=CHUNK_SOFT_TIME_LIMIT, time_limit=CHUNK_HARD_TIME_LIMIT)
def match_chunk_run(chunk_id: int) -> None:
    services.match_chunk_run(chunk_id=chunk_id)


@shared_task(soft_time_limit=60, time_limit=90)
def match_run_finalise(run_id: int) -> None:
    services.match_run_finalise(run_id=run_id)


@shared_task(soft_time_limit=60, time_limit=90)
def match_chunks_requeue_stale() -> int:
    return services.match_chunks_requeue_stale()


@shared_task(soft_time_limit=60, time_limit=90)
def match_runs_nightly() -> list[int]:
    return [run.pk for run in services.match_runs_nightly()]


@shared_task(soft_time_limit=CHUNK_SOFT_TIME_LIMIT, time_limit=CHUNK_HARD_TIME_LIMIT)
def company_rescore(company_id: int) -> int:
    return services.company_rescore(company_id=company_id)


@shared_task(soft_time_limit=CHUNK_SOFT_TIME_LIMIT, time_limit=CHUNK_HARD_TIME_LIMIT)
def match_digests_send() -> int:
    return digest.match_digests_send()
