"""The beat schedule of the weekly digest of new strong matches, as a django-celery-beat row
staff may retime: Mondays at 07:00 in Berlin."""

from django.db import migrations

DIGEST = "notifications: weekly digest of new strong matches"


def ensure_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    monday_morning, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="7",
        day_of_week="1",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Berlin",
    )
    PeriodicTask.objects.get_or_create(
        name=DIGEST,
        defaults={"task": "matchmaking.tasks.match_digests_send", "crontab": monday_morning},
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=DIGEST).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_notifications_settings_announced_matches"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(ensure_schedule, remove_schedule)]
