from celery import current_app

from config.celery import LONGEST_HARD_TIME_LIMIT
from config.celery import app as celery_app


def test_the_celery_app_delivers_at_least_once_with_json_only():
    conf = celery_app.conf

    assert conf.accept_content == ["json"]
    assert (conf.task_serializer, conf.result_serializer) == ("json", "json")
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_soft_time_limit < conf.task_time_limit
    assert conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"


def test_the_broker_keeps_a_task_invisible_longer_than_any_task_may_run():
    celery_app.loader.import_default_modules()
    limits = [task.time_limit or 0 for task in current_app.tasks.values()]

    assert max([celery_app.conf.task_time_limit, *limits]) <= LONGEST_HARD_TIME_LIMIT
    assert celery_app.conf.broker_transport_options["visibility_timeout"] > LONGEST_HARD_TIME_LIMIT


def test_beat_schedules_the_outbox_housekeeping(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {
        "notifications.tasks.requeue_stalled_emails",
        "notifications.tasks.erase_old_email_bodies",
    } <= tasks
    assert tasks <= set(celery_app.tasks)
