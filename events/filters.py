"""The calendar's filters: every choice is in the URL, so a filtered calendar can be shared."""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bridges.enums import BridgeStatus
from bridges.models import Bridge, Sector
from core.choices import ModelChoiceFilter
from events.enums import EventKind
from events.models import Event

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class MonthField(forms.CharField):
    # No placeholder: HTML allows none on a month input; a browser without a month picker
    # shows a text box, and a wrong entry gets the error that names the format.
    widget = forms.TextInput(attrs={"type": "month"})

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        match = MONTH.match(value)
        if not match or not 1 <= int(match[2]) <= 12:
            raise ValidationError(_("Enter a month as year and month, e.g. 2027-09."))
        return int(match[1]), int(match[2])


class MonthFilter(django_filters.Filter):
    field_class = MonthField

    def filter(self, queryset, value):
        if not value:
            return queryset
        year, month = value
        return queryset.filter(starts_at__year=year, starts_at__month=month)


class EventCalendarFilter(django_filters.FilterSet):
    bridge = ModelChoiceFilter(
        label=_("Bridge"),
        queryset=Bridge.objects.filter(status=BridgeStatus.ACTIVE),
        to_field_name="slug",
        field_name="bridges",
        empty_label=_("All bridges"),
    )
    sector = ModelChoiceFilter(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        field_name="sectors",
        empty_label=_("All sectors"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=EventKind.choices, empty_label=_("All kinds")
    )
    month = MonthFilter(label=_("Month"))

    class Meta:
        model = Event
        fields = ["bridge", "sector", "kind", "month"]
