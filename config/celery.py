"""The Celery application: Redis broker, JSON only, at-least-once delivery.

Environment-dependent values (broker URL, eager mode in the embedded default)
come from Django settings under the CELERY_ namespace; the delivery policy
below is the same in every mode.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# The longest hard time limit any task may set. The broker's visibility timeout
# must stay above it, or Redis would hand a still-running task to a second worker.
LONGEST_HARD_TIME_LIMIT = 30 * 60

RELIABILITY = {
    "accept_content": ["json"],
    "task_serializer": "json",
    "result_serializer": "json",
    # A task is acknowledged only when it finished, and a worker that dies
    # mid-task hands the message back instead of dropping it.
    "task_acks_late": True,
    "task_reject_on_worker_lost": True,
    "worker_prefetch_multiplier": 1,
    "task_soft_time_limit": 5 * 60,
    "task_time_limit": 6 * 60,
    "broker_transport_options": {"visibility_timeout": LONGEST_HARD_TIME_LIMIT + 30 * 60},
    "result_expires": 24 * 60 * 60,
    "broker_connection_retry_on_startup": True,
    "task_track_started": True,
    "beat_scheduler": "django_celery_beat.schedulers:DatabaseScheduler",
    "worker_hijack_root_logger": False,
}

app = Celery("ruhrbridge")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(RELIABILITY)
app.autodiscover_tasks()
