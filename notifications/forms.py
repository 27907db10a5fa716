from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.enums import EMAIL_KINDS, NotificationKind

# What each e-mail is about, as the settings page names it.
EMAIL_LABELS = {
    NotificationKind.INTRODUCTION_REQUESTED: _("Someone asks to meet your company"),
    NotificationKind.INTRODUCTION_ACCEPTED: _("An introduction is accepted by both companies"),
    NotificationKind.INTRODUCTION_DECLINED: _("An introduction is declined"),
    NotificationKind.INTRODUCTION_EXPIRED: _("A request of your company expired unanswered"),
    NotificationKind.MEMBERSHIP_DECIDED: _("The agency decided a bridge application"),
    NotificationKind.DELEGATION_DECIDED: _("The agency decides on a delegation application"),
    NotificationKind.STRONG_MATCHES: _(
        "New strong matches, as one weekly digest on Monday mornings"
    ),
    NotificationKind.WAITLIST_PROMOTED: _("You moved up from an event's waiting list"),
    NotificationKind.EVENT_CHANGED: _("An event you registered for changed its time or place"),
    NotificationKind.MEETING_REQUESTED: _("Someone asks you for a 1:1 meeting at an event"),
    NotificationKind.MEETING_BOOKED: _("A 1:1 meeting of yours is booked"),
    NotificationKind.MEETING_DECLINED: _("A 1:1 meeting request is declined or expires"),
    NotificationKind.MEETING_MOVED: _("The agency moves a 1:1 meeting of yours"),
    NotificationKind.MEETING_CANCELLED: _("A 1:1 meeting of yours is cancelled"),
    NotificationKind.ANNOUNCEMENT: _("The agency sends news to the companies of your bridges"),
}


class NotificationSettingsForm(forms.Form):
    email_kinds = forms.MultipleChoiceField(
        label=_("Also send me an e-mail when"),
        choices=[(str(kind), EMAIL_LABELS[kind]) for kind in EMAIL_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
