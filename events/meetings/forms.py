"""Input of the meetings pages: a request, and the staff's move."""

from datetime import datetime
from typing import cast

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from events.meetings.slots import Slot


def slot_label(slot: Slot, zone) -> str:
    start = timezone.localtime(slot.starts_at, zone)
    end = timezone.localtime(slot.ends_at, zone)
    return f"{formats.date_format(start, 'SHORT_DATE_FORMAT')} {start:%H:%M}–{end:%H:%M}"


def _slot_choices(slots: list[Slot], zone) -> list[tuple[str, str]]:
    return [(slot.starts_at.isoformat(), slot_label(slot, zone)) for slot in slots]


class MeetingRequestForm(forms.Form):
    invitee = forms.TypedChoiceField(label=_("Whom would you like to meet?"), coerce=int)
    wished_start = forms.ChoiceField(label=_("When"), required=False)
    message = forms.CharField(
        label=_("Message (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, people, slots: list[Slot], zone, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["invitee"]).choices = [("", "—")] + [
            (person.registration.pk, person.label) for person in people
        ]
        choices: list = [("", _("Any time that suits us both"))]
        cast(forms.ChoiceField, self.fields["wished_start"]).choices = choices + _slot_choices(
            slots, zone
        )

    def clean_wished_start(self) -> datetime | None:
        value = self.cleaned_data["wished_start"]
        return datetime.fromisoformat(value) if value else None


class MeetingMoveForm(forms.Form):
    starts_at = forms.ChoiceField(label=_("Time"))
    table = forms.TypedChoiceField(label=_("Table"), coerce=int)

    def __init__(self, *args, slots: list[Slot], tables, zone, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["starts_at"]).choices = _slot_choices(slots, zone)
        cast(forms.ChoiceField, self.fields["table"]).choices = [
            (table.pk, table.name) for table in tables
        ]

    def clean_starts_at(self) -> datetime:
        return datetime.fromisoformat(self.cleaned_data["starts_at"])
