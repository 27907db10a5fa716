"""The kind of notification for delegation decisions."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0006_meeting_emails_on"),
    ]

    operations = [
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("membership-decided", "Bridge application decided"),
                    ("delegation-decided", "Delegation application decided"),
                    ("introduction-requested", "Introduction requested"),
                    ("introduction-accepted", "Introduction accepted"),
                    ("introduction-declined", "Introduction declined"),
                    ("introduction-expired", "Introduction request expired"),
                    ("strong-matches", "New strong matches"),
                    ("registration-confirmed", "Event registration confirmed"),
                    ("waitlist-promoted", "Moved up from a waiting list"),
                    ("event-changed", "Event changed"),
                    ("meeting-requested", "1:1 meeting requested"),
                    ("meeting-booked", "1:1 meeting booked"),
                    ("meeting-declined", "1:1 meeting request declined or expired"),
                    ("meeting-moved", "1:1 meeting moved"),
                    ("meeting-cancelled", "1:1 meeting cancelled"),
                    ("announcement", "Announcements from the agency"),
                ],
                max_length=32,
                verbose_name="kind",
            ),
        ),
    ]
