from celery import shared_task

from notifications import services
from notifications.enums import EmailStatus

# The lease a worker takes on a row must outlast the task's hard time limit,
# or a slow send could be taken over by a second worker.
DELIVER_HARD_TIME_LIMIT = 90


@shared_task(bind=True, max_retries=None, soft_time_limit=60, time_limit=DELIVER_HARD_TIME_LIMIT)
def deliver_email(self, email_id: int) -> str:
    # Attempts are counted on the row, not by Celery: a redelivered task and a retry count alike.
    outcome = services.email_deliver(email_id=email_id)
    if self.request.is_eager:
        # In-process mode has no broker to hold a delayed retry: use the attempts right away.
        while outcome.status == EmailStatus.QUEUED:
            outcome = services.email_deliver(email_id=email_id)
        return outcome.status
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in)
    return outcome.status


@shared_task
def requeue_stalled_emails() -> int:
    return services.emails_requeue_stalled()


@shared_task
def erase_old_email_bodies() -> int:
    return services.emails_erase_old_bodies()
