"""Thin Celery tasks of introductions: a service call, nothing else."""

from celery import shared_task

from leads import services


@shared_task(soft_time_limit=5 * 60, time_limit=6 * 60)
def introductions_expire() -> int:
    return services.introductions_expire()
