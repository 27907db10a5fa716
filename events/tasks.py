"""Thin Celery tasks of events."""

from celery import shared_task

from events.meetings.services import meetings_expire as expire


@shared_task(soft_time_limit=5 * 60, time_limit=6 * 60)
def meetings_expire() -> int:
    """Unanswered meeting requests lapse when their event begins (beat, every 15 minutes)."""
    return expire()
