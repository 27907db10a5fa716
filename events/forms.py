from django import forms
from django.utils.translation import gettext_lazy as _

from companies.models import Company
from events.enums import Attendance
from events.models import Event

GUEST = "guest"


class RegistrationForm(forms.Form):
    """Register for an event: how one attends and for which company (or as a guest)."""

    attendance = forms.ChoiceField(label=_("I attend"), widget=forms.RadioSelect)
    company = forms.ChoiceField(label=_("For"))

    def __init__(self, *args, event: Event, companies: list[Company], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Attendance.choices)
        self.fields["attendance"].choices = [(m, labels[m]) for m in event.attendance_modes]
        if len(event.attendance_modes) == 1:
            self.fields["attendance"].initial = event.attendance_modes[0]
        choices = [(str(company.pk), company.name) for company in companies]
        if event.takes_guests:
            choices.append((GUEST, _("myself (as a guest, without a company)")))
        self.fields["company"].choices = choices
        if len(choices) == 1:
            self.fields["company"].initial = choices[0][0]

    @property
    def can_register(self) -> bool:
        return bool(self.fields["company"].choices)

    def company_id(self) -> int | None:
        value = self.cleaned_data["company"]
        return None if value == GUEST else int(value)
