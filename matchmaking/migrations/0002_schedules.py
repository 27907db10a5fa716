"""The beat schedule of match runs, as django-celery-beat rows that staff may retime."""

from django.db import migrations

NIGHTLY = "matchmaking: nightly match runs"
SWEEP = "matchmaking: re-queue stale match chunks"


def ensure_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    nightly, _ = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="2",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Berlin",
    )
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=60, period="seconds")
    PeriodicTask.objects.get_or_create(
        name=NIGHTLY,
        defaults={"task": "matchmaking.tasks.match_runs_nightly", "crontab": nightly},
    )
    PeriodicTask.objects.get_or_create(
        name=SWEEP,
        defaults={"task": "matchmaking.tasks.match_chunks_requeue_stale", "interval": every_minute},
    )


def remove_schedules(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[NIGHTLY, SWEEP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("matchmaking", "0001_match_runs"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(ensure_schedules, remove_schedules)]
